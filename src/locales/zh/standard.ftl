standard-open-private = 请点击下方按钮，在私聊中撰写您的岗位标准。
standard-button-write = ✍️ 撰写岗位标准
standard-choose-branch = 您在多个支部登记了名片，请选择要为哪个支部撰写岗位标准：
standard-current-draft = 您有一份未提交的岗位标准草稿：
    { $text }
standard-current-approved = 您当前已通过的岗位标准：
    { $text }
    发送新的内容即开始修订，修订稿将重新公示征求意见。
standard-current-returned = 您的岗位标准被退回，理由：{ $reason }
    原稿：
    { $text }
    请发送修改后的内容。
standard-ask-text = 请写出您岗位的示范标准（10–1000 字），例如服务时限、服务态度、业务质量等方面的具体要求。随时可发送 /cancel 取消。
standard-submitted = ✅ 岗位标准已提交并在群里公示，征求群众意见。公示期满后由支部审定。
standard-ask-comment = 请写下您对这份岗位标准的意见或建议（500 字以内）：
standard-comment-sent = ✅ 感谢您的意见，已转给该党员和支部书记。
standard-comment-intro = 这是 { $name } 的岗位标准（征求意见中）：
    { $text }
standard-ask-return-reason = 请回复本条消息，写明退回 { $name } 岗位标准的理由：
standard-button-comment = 💬 提意见
standard-proposed-heading = { $name } 的岗位标准（第 { $revision } 稿 · 征求意见）
standard-card-heading = 定标公示卡 · { $name }（第 { $revision } 稿）
standard-comment-open = 党员提标准、群众议标准、组织定标准。欢迎点击“提意见”，意见征集至 { $until }。
standard-comment-count = 💬 已收到 { $count } 条意见。
standard-comment-dm = 💬 { $author } 对岗位标准提出意见：
    { $text }
standard-returned-group = ↩️ { $name } 的岗位标准已退回修改。理由：{ $reason }
standard-returned-dm = ↩️ 您的岗位标准被退回，理由：{ $reason }
    请发送 /standard 修改后重新提交。
standard-approved-by = ✅ 已由 { $by } 审定通过。
standard-approved-dm = ✅ 您的岗位标准已审定通过，已作为定标公示卡在群里公示。
standard-approved-toast = 已审定通过
button-approve = ✅ 审定通过
button-confirm = ✅ 确认
button-return = ↩️ 退回
standard-ask-early-reason = { $name } 的岗位标准评议期到 { $closesAt } 才结束。如需提前审定，请回复本条消息写明理由（会记录在案并在群里公示）：
standard-approved-early = 评议期结束前提前审定，理由：{ $reason }
