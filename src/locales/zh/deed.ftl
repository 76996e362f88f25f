# One deed, one record (一件事一记录).
cmd-deed = 记录一件实事（/deed 内容 可快速记录）
deed-line = { $date } · { $what } · 服务对象：{ $forWhom } · 受益 { $people } 人
deed-status-pending = 待核实
deed-status-verified = ✅ 已核实
deed-status-rejected = ❌ 已驳回
deed-status-withdrawn = 已撤回
deed-for-item = 践行承诺：{ $text }
deed-has-photo = 📷 附照片
deed-reject-reason = 驳回理由：{ $reason }
deed-reviewed-by = 审核人：{ $by }
deed-post-pending = 等待书记核实；核实前可以修改或撤回。
deed-open-private = 请点击下方按钮，在私聊中逐项记录这件实事。也可以直接发送“/deed 做了什么”快速记录。
deed-button-open = 📝 在私聊中记录
deed-button-edit = ✏️ 修改
deed-button-withdraw = ↩️ 撤回
deed-button-keep = 保持不变
deed-button-today = 今天
deed-button-yesterday = 昨天
deed-button-no-item = 不关联承诺
deed-button-no-photo = 不附照片
deed-quick-saved = 已记录，等待书记核实。服务对象默认为“群众”、受益 1 人，可点“修改”补充。
deed-photo-needs-text = 请在照片说明里写上“/deed 做了什么”，例如“/deed 帮助老人办理社保卡”。
deed-ask-what = 一件事一记录。请写出做了什么实事（2–500 字）。随时发送 /cancel 可退出。
deed-ask-what-edit =
    正在修改：{ $current }
    请写出做了什么实事，或点“保持不变”。
deed-ask-date = 哪天做的？点“今天”“昨天”，或输入日期，例如 2026-05-20 或 5月20日（不能是将来）。
deed-ask-for-whom = 为谁做的？例如“社区独居老人”。
deed-ask-people = 帮助了多少人？请输入数字。
deed-ask-item = 这件事践行了哪项承诺？请选择，或点“不关联承诺”。
deed-ask-photo = 如有照片，请直接发送一张照片；没有请点“不附照片”。
deed-ask-photo-again = 请发送一张照片，或点下方按钮。
deed-saved = ✅ 已记录，等待书记核实。核实结果会通知您。
deed-edited = ✅ 已修改，等待书记核实。
deed-withdrawn = 已撤回这件实事。
deed-verified-dm = ✅ 您记录的实事已核实，计入对标记录卡：{ $what }
deed-rejected-dm =
    ❌ 您记录的实事未通过核实：{ $what }
    理由：{ $reason }
error-deed-bad-date = “{ $value }”不是有效日期。请输入 今天、昨天、2026-05-20 或 5月20日。
error-deed-date-in-future = 日期不能晚于今天（{ $today }），请重新输入。
error-deed-date-too-old = 只能记录 { $maxDays } 天内的实事（最早 { $oldest }），请重新输入。
error-deed-people-not-number = “{ $value }”不是人数，请输入数字，例如 3。
error-deed-people-out-of-range = 人数应在 { $min } 到 { $max } 之间，请重新输入。
error-deed-transition = 这件实事已审核或撤回，不能再修改。
error-deed-not-owner = 只有记录人本人可以修改或撤回这件实事。
