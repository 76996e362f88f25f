# Public pledges (公开承诺), the ledger (承诺台账) and reviews.
cmd-pledge = Make or change your public pledge
cmd-oralpledge = Record an oral pledge (secretary, reply to an elderly member)
cmd-ledger = Pledge ledger and record card
cmd-pending = Items awaiting review (secretary/committee)
choose-branch = You are registered in several branches. Choose one:
lead-study = Lead in study
lead-achievement = Lead in achievement
lead-service = Lead in serving the people
lead-discipline = Lead in obeying law and discipline
lead-integrity = Lead in upholding integrity
pledge-status-draft = draft
pledge-status-pending = awaiting review
pledge-status-approved = approved
pledge-status-returned = returned
pledge-status-claimed = done, awaiting confirmation
pledge-status-done = done
pledge-status-overdue = overdue
pledge-item-meta = due { $due } · { $status }
pledge-item-reason = Note: { $reason }
pledge-item-evidence = Evidence: { $evidence }
pledge-lead-tag = [{ $lead }]{" "}
pledge-published-item = { $n }. [{ $lead }] { $text } (due { $due })
pledge-open-private = A pledge has several items. Tap the button to write it in our private chat, so the group is not flooded.
pledge-button-open = 📝 Write it in private
pledge-intro =
    { $name }, this is your public pledge for { $year }.
    Each item falls under one of the five leads, is concrete and checkable, and has a due date. You need at least { $min }.
    Send /cancel at any time to stop.
pledge-oral-intro =
    You are recording the oral pledge of { $name } for { $year } (at least { $min } items). Recorded items are approved and announced at once.
    Send /cancel at any time to stop.
pledge-rewrite =
    This item was returned, please write it again:
    { $text }
    Reason: { $reason }
pledge-ask-lead = Item { $number }: which of the five leads does it fall under? Choose one.
pledge-ask-text = Write the pledge (5–200 characters), concrete and checkable, e.g. "visit two families in need every month".
pledge-ask-due = Due date? E.g. 2027-03-31, 2027/3/31 or 3/31 (not before today, within a year).
pledge-ask-more =
    { $count } items so far. Please check what you wrote this time:
    { $items }
    Add another, change one, or submit for review?
pledge-button-add = ➕ Add another
pledge-button-submit = ✅ Submit for review
pledge-button-change = ✏️ Change one
pledge-ask-which = Which one do you want to change? Choose its number.
pledge-need-more = You need at least { $min } items and have { $count }. Please add more.
pledge-submitted = ✅ Submitted. The branch secretary will review it and you will hear the outcome.
pledge-oral-recorded = ✅ The oral pledge is recorded and announced.
pledge-submitted-group = 📨 <b>{ $name }</b> submitted { $count } pledge items for review (/pending).
pledge-published-title = Public pledge of { $name } for { $year }
pledge-published-oral = (oral pledge, recorded by the branch)
pledge-published-footer = You are welcome to watch us keep it. Progress: /ledger.
pledge-returned-dm = ↩️ { $count } of your pledge items were returned. Send /pledge to change and resubmit them:
pledge-ask-evidence =
    Mark as done: { $text }
    Describe what was done and the evidence (visit records, a photo description).
pledge-done-claimed = ✅ Sent. The secretary will confirm it.
pledge-done-confirmed-dm = ✅ The secretary confirmed your pledge item as done: { $text }
pledge-claim-rejected-dm =
    ↩️ The completion of "{ $text }" was not confirmed; the item stays open.
    Reason: { $reason }
oral-usage = Reply to the elderly member's message with /oralpledge, or send /oralpledge @username.
oral-not-elderly = { $name } is not registered as elderly or retired. Please ask them to send /pledge themselves.
oral-open-private = Tap the button to record the oral pledge of { $name } in our private chat.
ledger-title = { $name } · pledge ledger { $year }
ledger-empty = No pledge items yet. Send /pledge to start.
ledger-empty-other = { $name } has no pledge items yet.
ledger-linked-deeds = { $count } linked deeds
ledger-none = { $name } is not an active member of this branch and has no pledge ledger.
ledger-button-done = ✔️ Item { $number } is done
record-card-title = Record card: { $count } verified deeds
record-card-empty = No verified deeds yet. Send /deed to record one.
record-card-empty-other = { $name } has no verified deeds yet.
pending-title = 📋 { $branch }: { $count } items await review:
pending-none = ✅ { $branch }: nothing awaits review.
pending-item = 📜 Pledge item of { $name }:
pending-more = { $count } more are not listed; handle the ones above, then send /pending again.
pending-claim = ✔️ { $name } reports a pledge item done:
pending-summary = 📋 { $branch }: { $total } items await review: { $items } pledge items, { $claims } done claims, { $deeds } deeds, { $feedback } feedback entries. Press the button to review them one by one in our private chat (they are not listed in the group).
pending-button-private = 📋 Review in private
button-confirm-done = ✅ Confirm done
button-verify = ✅ Verify
button-reject = ❌ Reject
button-handle = 📝 Handle
review-approved-toast = Approved
review-verified-toast = Verified
review-approved-by = ✅ Approved by { $by }
review-returned-by = ↩️ Returned by { $by }
review-done-confirmed = ✅ Confirmed done by { $by }
review-claim-rejected = ↩️ Completion not confirmed by { $by }; the item stays open
review-recorded = The decision is recorded.
review-ask-reason-pledge-return = Reply to this message with the reason for returning this pledge item of { $name }.
review-ask-reason-pledge-done-reject = Reply to this message with the reason for not confirming { $name }'s item as done.
review-ask-reason-deed-reject = Reply to this message with the reason for rejecting this deed of { $name }.
error-not-owner = This is not your record; only its owner can do that.
error-choose-option = Please choose one of the buttons: { $options }
error-pledge-bad-lead = "{ $value }" is not one of the five leads. Please choose a button.
error-pledge-bad-date = "{ $value }" is not a valid date. Type it like 2027-03-31, 2027/3/31 or 3/31.
error-pledge-due-in-past = The due date cannot be before today ({ $today }). Please type it again.
error-pledge-due-too-far = The due date can be { $latest } at the latest (within a year). Please type it again.
error-pledge-too-few-items = You need at least { $min } pledge items (you have { $count }). Please add more.
error-pledge-too-many-items = A pledge can have at most { $max } items (you have { $count }).
error-pledge-oral-not-elderly = Only elderly or retired members may have an oral pledge recorded by the secretary.
error-pledge-item-transition = This pledge item cannot be changed that way in its current state.
error-pledge-transition = There are no pledge items to submit.
