# One deed, one record (一件事一记录).
cmd-deed = Record a deed (/deed text for the quick form)
deed-line = { $date } · { $what } · for: { $forWhom } · { $people } people helped
deed-status-pending = awaiting verification
deed-status-verified = ✅ verified
deed-status-rejected = ❌ rejected
deed-status-withdrawn = withdrawn
deed-for-item = Fulfils the pledge: { $text }
deed-has-photo = 📷 photo attached
deed-reject-reason = Reason for rejection: { $reason }
deed-reviewed-by = Reviewed by { $by }
deed-post-pending = Awaiting verification by the secretary; until then you can edit or withdraw it.
deed-open-private = Tap the button to record the deed step by step in our private chat. Or send "/deed what you did" for the quick form.
deed-button-open = 📝 Record it in private
deed-button-edit = ✏️ Edit
deed-button-withdraw = ↩️ Withdraw
deed-button-keep = Keep as is
deed-button-today = Today
deed-button-yesterday = Yesterday
deed-button-no-item = No pledge item
deed-button-no-photo = No photo
deed-quick-saved = Recorded; the secretary will verify it. It says "the people" and 1 person helped: tap Edit to add details.
deed-photo-needs-text = Put "/deed what you did" in the photo's caption, e.g. "/deed helped an elderly man apply for his card".
deed-ask-what = One deed, one record. What did you do (2–500 characters)? Send /cancel at any time to stop.
deed-ask-what-edit =
    Editing: { $current }
    What did you do? Or tap "Keep as is".
deed-ask-date = When? Tap Today or Yesterday, or type a date such as 2026-05-20 (not in the future).
deed-ask-for-whom = For whom? E.g. "elderly people living alone".
deed-ask-people = How many people did it help? Type a number.
deed-ask-item = Which pledge item does it fulfil? Choose one, or "No pledge item".
deed-ask-photo = If you have a photo, send one now; otherwise tap "No photo".
deed-ask-photo-again = Please send a photo, or tap a button below.
deed-saved = ✅ Recorded. The secretary will verify it and you will hear the outcome.
deed-edited = ✅ Changed. The secretary will verify it.
deed-withdrawn = The deed is withdrawn.
deed-verified-dm = ✅ Your deed is verified and counts on your record card: { $what }
deed-rejected-dm =
    ❌ Your deed was not verified: { $what }
    Reason: { $reason }
error-deed-bad-date = "{ $value }" is not a date. Type today, yesterday, or a date such as 2026-05-20.
error-deed-date-in-future = The date cannot be after today ({ $today }). Please type it again.
error-deed-date-too-old = Only deeds of the last { $maxDays } days can be recorded (from { $oldest }). Please type it again.
error-deed-people-not-number = "{ $value }" is not a number of people. Type a number, e.g. 3.
error-deed-people-out-of-range = The number of people must be between { $min } and { $max }. Please type it again.
error-deed-transition = This deed has been reviewed or withdrawn and can no longer change.
error-deed-not-owner = Only the person who recorded this deed can change or withdraw it.
