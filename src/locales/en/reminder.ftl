reminder-deed-digest = 📌 Day { $day } reminder: these members have no verified deed this month yet: { $names }. One deed, one record: send /deed in the group.
reminder-deed-dm = 📌 Reminder: you have no verified deed this month yet. Send /deed to record what you did for the masses.
reminder-secretary-review = 📥 Waiting for your review: { $deeds } deeds, { $items } pledge items.
reminder-round-self = ⏰ The { $month } round closes tomorrow and you have not evaluated yourself. Send me /rate in private.
reminder-round-org = ⏰ The { $month } round closes tomorrow; no organisation score yet for: { $names }. Send me /orgrate in private.
reminder-pledge-due = ⏳ Your pledge item “{ $text }” is due { $due } (in { $days } days).
reminder-pledge-overdue = ❗ Your pledge item “{ $text }” was due { $due } and is not done: please catch up.
reminder-pledge-overdue-secretary = ❗ { $name }'s pledge item “{ $text }” was due { $due } and is not done.
reminder-quarter-comment = ✍️ A new quarter: please write the leader commentary for each member ({ $quarter }); send me /comment in private.
reminder-quarter-report =
    📊 Pledge fulfilment report, { $quarter }
    { $rows }
reminder-quarter-row = { $name }: { $done } done, { $overdue } overdue
reminder-paused = Your private reminders are paused. Send /resume to resume.
reminder-resumed = Your private reminders are back on.
reminder-branch-paused = All reminders of this branch are paused. Send /resume to resume.
reminder-branch-resumed = The branch's reminders are back on.
