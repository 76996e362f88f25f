reminder-deed-digest = 📌 本月 { $day } 日提醒：以下党员本月还没有经核实的实事记录：{ $names }。一件事一记录，请在群里发送 /deed 记录。
reminder-deed-dm = 📌 提醒：您本月还没有经核实的实事记录。发送 /deed 记录您为群众办的实事。
reminder-secretary-review = 📥 待您审核：{ $deeds } 条实事记录，{ $items } 项承诺事项。
reminder-round-self = ⏰ { $month } 考评明天结束，您还没有自评。私聊我发送 /rate 完成自评。
reminder-round-org = ⏰ { $month } 考评明天结束，以下党员尚未进行组织考评：{ $names }。私聊我发送 /orgrate。
reminder-pledge-due = ⏳ 您的承诺事项「{ $text }」将于 { $due } 到期（还有 { $days } 天）。
reminder-pledge-overdue = ❗ 您的承诺事项「{ $text }」已于 { $due } 到期，尚未完成，请抓紧整改。
reminder-pledge-overdue-secretary = ❗ { $name } 的承诺事项「{ $text }」已于 { $due } 到期，尚未完成。
reminder-quarter-comment = ✍️ 新季度开始：请为每位党员写领导点评（{ $quarter }），私聊我发送 /comment。
reminder-quarter-report =
    📊 { $quarter } 践诺情况季度报告
    { $rows }
reminder-quarter-row = { $name }：完成 { $done } 项，逾期 { $overdue } 项
reminder-paused = 已暂停您的私信提醒。发送 /resume 恢复。
reminder-resumed = 已恢复您的私信提醒。
reminder-branch-paused = 已暂停本支部的所有提醒。发送 /resume 恢复。
reminder-branch-resumed = 已恢复本支部的提醒。
