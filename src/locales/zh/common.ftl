bot-name = 党员示范岗助手
slogan = 我的岗位我示范 · 我的示范你监督
welcome-private =
    您好，{ $name }！我是党员示范岗助手。
    我在支部群里帮助大家亮身份、定标准、做承诺、记实事、月考评。
    在支部群里发送 /join 登记岗位；发送 /help 查看您可以使用的命令。
welcome-group =
    大家好！我是党员示范岗助手。{ slogan }
    请群管理员发送 /bind，把本群绑定到党支部。绑定的管理员即为支部书记。
group-already-bound = 本群已绑定到 { $name }（{ $unit }）。发送 /help 查看命令。
error-internal = 抱歉，处理时出错了，请稍后再试。
dialog-cancelled = 已取消。
dialog-left = 已退出正在进行的填写。
dialog-nothing-to-cancel = 当前没有进行中的操作。
dialog-expired-for = { $name }：操作已超时（{ $minutes } 分钟未回复），已自动结束，请重新开始。
dialog-expired = 操作已超时（{ $minutes } 分钟未回复），请重新开始。
language-set = 语言已切换为中文。
language-choose = 请选择语言 / Choose a language:
help-title = 您可以使用的命令：
help-unbound = 本群尚未绑定支部。群管理员可发送 /bind 绑定。
cmd-start = 开始使用
cmd-help = 我能做什么
cmd-bind = 绑定本群到支部（管理员）
cmd-appoint = 任命支委（书记，回复其消息）
cmd-unappoint = 免去支委（书记）
cmd-cancel = 取消当前操作
cmd-language = 切换语言
rights-missing-pin = 我还没有“置顶消息”权限，公示榜暂时不能置顶。请书记在群设置中把我设为管理员并允许置顶消息。
cmd-join = 登记党员名片（亮身份）
cmd-me = 我的名片
cmd-card = 查看名片（回复某人或 @用户名）
cmd-roster = 刷新公示榜
cmd-standard = 撰写 / 修订岗位标准（定标）
cmd-leave = 退出党员名单（记录保留）
cmd-settings = 支部设置（书记）
help-private-note = 大部分操作在支部群里进行；需要填写的内容会引导您来这里私聊完成。
help-role-masses = 您在 { $branch } 是群众身份。欢迎监督党员示范岗！
help-role-member = 您是 { $branch } 的党员。我的岗位我示范！
help-role-committee = 您是 { $branch } 的支委。
help-role-secretary = 您是 { $branch } 的支部书记。
help-section-masses = 您可以使用：
help-section-member = 党员命令：
help-section-committee = 支委职责：
help-section-secretary = 书记命令：
help-review-buttons = 审核新党员登记、岗位标准等：点击群消息下方的“确认 / 审定通过 / 退回”按钮。
# A message to one person in the group: a member the bot cannot write to in private, a dialog's question.
addressed-to = { $name }：{ $text }
# The language of this file, for dates and months written the reader's way (src/domain/locale-format.ts).
locale-code = zh
group-upgraded = 本群已升级为超级群，以下进行中的操作已结束：
dialog-ended-by-upgrade-command = { $name }：请在本群重新发送 { $command }。
dialog-ended-by-upgrade = { $name }：请在本群重新开始（发送 /pending 或相应的命令）。
flood-slow-down = 命令发送过于频繁，请 { $seconds } 秒后再试。其间的命令已忽略。
