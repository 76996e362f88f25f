# Public pledges (公开承诺), the ledger (承诺台账) and reviews.
cmd-pledge = 做出/修改公开承诺
cmd-oralpledge = 代录口头承诺（书记，回复老党员消息）
cmd-ledger = 查看承诺台账和对标记录卡
cmd-pending = 待审核事项（书记/支委）
choose-branch = 您在多个支部登记过，请选择支部：
lead-study = 带头学习提高
lead-achievement = 带头争创佳绩
lead-service = 带头服务群众
lead-discipline = 带头遵纪守法
lead-integrity = 带头弘扬正气
pledge-status-draft = 草稿
pledge-status-pending = 待审核
pledge-status-approved = 已审定
pledge-status-returned = 已退回
pledge-status-claimed = 待确认完成
pledge-status-done = 已完成
pledge-status-overdue = 已逾期
pledge-item-meta = 截止 { $due } · { $status }
pledge-item-reason = 意见：{ $reason }
pledge-item-evidence = 佐证：{ $evidence }
pledge-lead-tag = 【{ $lead }】
pledge-published-item = { $n }. 【{ $lead }】{ $text }（截止 { $due }）
pledge-open-private = 承诺事项较多，请点击下方按钮在私聊中填写，以免刷屏。
pledge-button-open = 📝 在私聊中填写
pledge-intro =
    { $name }，这是您 { $year } 年的公开承诺。
    每项承诺归入“五带头”之一，要具体、可检查，并写明完成期限。您至少需要 { $min } 项。
    随时发送 /cancel 可退出。
pledge-oral-intro =
    您正在为 { $name } 代录 { $year } 年的口头承诺（至少 { $min } 项）。代录的事项直接审定并公示。
    随时发送 /cancel 可退出。
pledge-rewrite =
    这一项被退回了，请重新填写：
    { $text }
    退回意见：{ $reason }
pledge-ask-lead = 第 { $number } 项：属于“五带头”中的哪一项？请选择。
pledge-ask-text = 请写出承诺内容（5–200 字），要具体、可检查，例如“每月走访困难群众两户”。
pledge-ask-due = 完成期限？例如 2027-03-31、2027/3/31、3月31日 或 明年3月31日（不早于今天，不超过一年）。
pledge-ask-more =
    已有 { $count } 项。请核对这次填写的事项：
    { $items }
    继续添加、修改，还是提交审核？
pledge-button-add = ➕ 再加一项
pledge-button-submit = ✅ 提交审核
pledge-button-change = ✏️ 修改
pledge-ask-which = 要修改哪一项？请选择序号。
pledge-need-more = 至少需要 { $min } 项，目前 { $count } 项，请继续填写。
pledge-submitted = ✅ 已提交，等待支部书记审核。审核结果会通知您。
pledge-oral-recorded = ✅ 口头承诺已代录并公示。
pledge-submitted-group = 📨 <b>{ $name }</b> 提交了 { $count } 项承诺，待书记审核（/pending）。
pledge-published-title = { $name } 的 { $year } 年公开承诺
pledge-published-oral = （口头承诺，由支部代录）
pledge-published-footer = 我的示范你监督。承诺履行情况见 /ledger。
pledge-returned-dm = ↩️ 您的承诺有 { $count } 项被退回，请发送 /pledge 修改后重新提交：
pledge-ask-evidence =
    标记完成：{ $text }
    请说明完成情况和佐证（例如走访记录、照片说明）。
pledge-done-claimed = ✅ 已提交完成情况，等待书记确认。
pledge-done-confirmed-dm = ✅ 书记已确认您的承诺事项完成：{ $text }
pledge-claim-rejected-dm =
    ↩️ 承诺事项“{ $text }”的完成情况未被确认，事项仍在进行中。
    意见：{ $reason }
oral-usage = 请回复老党员的消息并发送 /oralpledge，或发送 /oralpledge @用户名。
oral-not-elderly = { $name } 未登记为年老体弱或离退休党员，请由本人发送 /pledge 做承诺。
oral-open-private = 请点击下方按钮，在私聊中为 { $name } 代录口头承诺。
ledger-title = { $name } · { $year } 年承诺台账
ledger-empty = 还没有承诺事项。发送 /pledge 开始承诺。
ledger-empty-other = { $name } 还没有承诺事项。
ledger-linked-deeds = 关联实事 { $count } 件
ledger-none = { $name } 不是本支部的在册党员，没有承诺台账。
ledger-button-done = ✔️ 第 { $number } 项已完成
record-card-title = 对标记录卡：已核实实事 { $count } 件
record-card-empty = 暂无已核实的实事。发送 /deed 记录。
record-card-empty-other = { $name } 暂无已核实的实事。
pending-title = 📋 { $branch } 待审核事项共 { $count } 项：
pending-none = ✅ { $branch } 目前没有待审核事项。
pending-item = 📜 { $name } 的承诺事项：
pending-more = 还有 { $count } 项未列出，处理完上面的事项后再发送 /pending 查看。
pending-claim = ✔️ { $name } 申报承诺事项已完成：
pending-summary = 📋 { $branch } 待审核事项共 { $total } 项：承诺事项 { $items } 项，完成申报 { $claims } 项，实事 { $deeds } 件，意见簿 { $feedback } 条。请点下方按钮在私聊中逐项审核（不在群里逐条公开）。
pending-button-private = 📋 在私聊中审核
button-confirm-done = ✅ 确认完成
button-verify = ✅ 核实
button-reject = ❌ 驳回
button-handle = 📝 处理
review-approved-toast = 已审定
review-verified-toast = 已核实
review-approved-by = ✅ 已审定（审定人：{ $by }）
review-returned-by = ↩️ 已退回（退回人：{ $by }）
review-done-confirmed = ✅ 已确认完成（确认人：{ $by }）
review-claim-rejected = ↩️ 完成情况未确认（审核人：{ $by }），事项继续进行
review-recorded = 已记录审核结果。
review-ask-reason-pledge-return = 请回复本条消息，写明退回 { $name } 这项承诺的理由。
review-ask-reason-pledge-done-reject = 请回复本条消息，写明不确认 { $name } 完成情况的理由。
review-ask-reason-deed-reject = 请回复本条消息，写明驳回 { $name } 这件实事的理由。
error-not-owner = 这不是您的记录，只能由本人操作。
error-choose-option = 请从按钮中选择：{ $options }
error-pledge-bad-lead = “{ $value }”不是“五带头”之一，请从按钮中选择。
error-pledge-bad-date = “{ $value }”不是有效日期，请写成 2027-03-31、2027/3/31、3月31日 或 明年3月31日 这样的日期。
error-pledge-due-in-past = 完成期限不能早于今天（{ $today }），请重新输入。
error-pledge-due-too-far = 完成期限最晚为 { $latest }（一年内），请重新输入。
error-pledge-too-few-items = 至少需要 { $min } 项承诺（现在 { $count } 项），请继续添加。
error-pledge-too-many-items = 一份承诺最多 { $max } 项（现在 { $count } 项）。
error-pledge-oral-not-elderly = 只有年老体弱或离退休党员可以由书记代录口头承诺。
error-pledge-item-transition = 该承诺事项当前状态下不能这样操作。
error-pledge-transition = 没有需要提交的承诺事项。
