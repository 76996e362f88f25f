rating-dim-political = Political thought
rating-dim-performance = Work performance
rating-dim-service = Quality of service
rating-dim-exemplary = Exemplary role
rating-round-opened =
    📋 The { $month } rating round is open
    • Self-evaluation: send me /rate in private and score the four dimensions (0–{ $max } each).
    • Masses' rating: press the button below to rate each member anonymously in private, once a month, never yourself.
    • Organisation rating: by the secretary and the committee.
    The round closes { $close }.
rating-round-button-rate = 🗳 Rate anonymously
rating-round-closed-early = The secretary closed the { $month } round early.
rating-provisional =
    📢 { $month } results (provisional)
    { $rows }
    These results are provisional: they become final when the objection window ends ({ $deadline }), and stars change then. To object, send me /object in private before then.
rating-row = { $rank }. { $name } ({ $post }) { $total } { $verdict }
rating-verdict-pass = ✅ pass
rating-verdict-fail = ❌ fail
rating-final =
    🏅 { $month } results (final)
    { $rows }
rating-final-row = { $rank }. { $name } ({ $post }) { $total } { $stars }{ $delta }
rating-honour-roll = 🌟 Honour roll, new five-star model posts: { $names }
rating-plates-taken = ⚠️ Plates taken away this month: { $names }
rating-plates-restored = 🔁 Plates given back this month: { $names }
rating-titles-revoked = Titles withdrawn at the year-end review: { $names }
rating-chart-title = { $month } rating scores
rating-chart-pass = pass
rating-dm-provisional =
    ⏳ Your provisional { $month } result: { $total }, { $verdict }
    self { $self } × { $wSelf }% · masses { $masses } × { $wMasses }% · organisation { $org } × { $wOrg }%
    Stars once the objection window ends: { $stars }{ $delta } (your stars do not change before then)
    This result is provisional: it becomes final after the objection window. To object, send me /object in private before { $deadline }.
rating-dm-final =
    ✅ Your final { $month } result: { $total }, { $verdict }
    self { $self } × { $wSelf }% · masses { $masses } × { $wMasses }% · organisation { $org } × { $wOrg }%
    Stars: { $stars }{ $delta }
    This result is final: the objection window is over and your stars have been set accordingly.
rating-dm-masses-moved = Fewer than { $min } masses ballots ({ $ballots }): their weight went to the organisation score.
rating-dm-self-missing = No self-evaluation this month: it counts as 0.
rating-dm-why = Send /why to see how it was computed.
rating-no-masses = —
rating-ask-dimension = { $n }/4 · { $dimension }: your score for { $name } (0–{ $max }).
rating-self-intro = { $month } self-evaluation: score yourself on the four dimensions (0–{ $max } each).
rating-ask-remark = You may add a one-line remark (send - to skip).
rating-self-saved = Self-evaluation saved: { $total }/{ $max }. Send /rate again before the round closes to change it.
rating-ballot-intro = { $month } masses' rating (anonymous): choose a member and score the four dimensions (0–{ $max } each). Your name is never stored with the scores.
rating-ballot-ask-member = Choose the member to rate:
rating-ballot-saved = Your rating of { $name } is recorded anonymously.
rating-ballot-all-done = You have rated every member. Thank you!
rating-ballot-thanks = Thank you for rating!
rating-button-done = Done
rating-button-next-ballot = ➡️ Rate the next member
rating-org-ask-member = Choose the member to score for the organisation:
rating-org-ask-score =
    Suggested score for { $name }: { $score }
    { $lines }
    Send { $score } to keep it, or another score (0–100, with a reason).
rating-org-ask-reason = Why do you change the suggested score?
rating-org-saved = Organisation score for { $name } recorded: { $score }.
rating-org-all-done = Every member of this round has an organisation score.
rating-org-thanks = Fine, the others later. Send /orgrate to continue.
rating-org-own-by-committee = Your own organisation score is given by a committee member, so you are not listed.
rating-org-own-no-committee = Your own organisation score must be given by a committee member, and this branch has none: appoint one with /appoint in the group.
rating-no-open-round = There is no open rating round now.
rating-no-provisional = No results are in their publication period now.
org-line-base = base: { $points }
org-line-verifiedDeeds = { $count } verified deeds this month: { $points }
org-line-pledgeItemsDone = { $count } pledge items done this month: { $points }
org-line-praise = { $count } praise: { $points }
org-line-pledgeItemsOverdue = { $count } overdue pledge items: { $points }
org-line-upheldComplaints = { $count } upheld complaints: { $points }
objection-ask-text = Please write your objection to the { $month } result:
objection-filed = Objection filed; you will hear when the secretary has answered it.
objection-notify-secretary = { $name } objects to the { $month } result: { $text }
objection-button-resolve = Answer the objection
objection-ask-score = To change the member's organisation score send the new score (0–100); send - to keep it.
objection-ask-answer = Please write your answer to the member:
objection-resolved = Objection answered; the member has been told.
objection-answer-to-member = The secretary answered your objection to the { $month } result: { $answer }
why-title = { $name } · { $month } rating ({ $status })
why-status-provisional = provisional
why-status-final = final
why-self = Self: { $sheet } → { $score }
why-masses = Masses: { $ballots } ballots, average { $score }
why-org-reviewer = Organisation: { $score } (secretary/committee)
why-org-suggested = Organisation: { $score } (suggestion of the published rule)
why-total = Weights self { $wSelf }% · masses { $wMasses }% · organisation { $wOrg }% → total { $total } (pass at { $pass }) { $verdict }
why-stars = Stars: { $before } → { $after }, { $plate }
why-plate-on = plate held
why-plate-off = plate taken away
why-rules = Rule set version: { $version }
why-recomputes = ✅ Recomputed from the stored inputs: the same result.
why-differs = ⚠️ Recomputed from the stored inputs: a different result. Please tell the secretary.
cmd-rate = Self-evaluation
cmd-orgrate = Organisation rating (secretary/committee)
cmd-object = Object to a rating result
cmd-why = How my rating was computed
cmd-pause = Pause reminders
cmd-resume = Resume reminders
cmd-openround = Open the rating round early (secretary)
cmd-closeround = Close the rating round early (secretary)
comment-ask-member = { $quarter } leader commentary: choose a member.
comment-ask-text = Please write your commentary on { $name }: achievements, shortcomings, direction.
comment-saved = Recorded in the commentary ledger and sent to { $name }.
comment-all-done = Every member has a commentary for { $quarter }.
comment-later = Fine, the others later. Send /comment to continue.
comment-to-member = 📝 The { $branch } secretary's commentary on your { $quarter }:
    { $text }
cmd-comment = Quarterly leader commentary (secretary)
round-state-open = The { $month } round is open and closes on { $close }.
round-state-provisional = The { $month } round has closed; its results are provisional and open to objections until { $deadline }.
round-state-final = The { $month } round has closed; its results are final.
round-state-next = The { $month } round opens on { $open }.
rating-round-not-reopenable = The { $month } round has already closed and cannot be opened again.
rating-close-confirm =
    ⚠️ The { $month } round is scheduled to close on { $close }. Close it early now? After closing nobody can rate themselves, cast a ballot or give an organisation score, and the results are published at once (provisional).
rating-close-gaps-title = Not yet done:
rating-close-button-confirm = ✅ Close early
rating-close-button-cancel = Not now
rating-close-cancelled = All right: the { $month } round stays open and closes on { $close }.
rating-close-not-open = The { $month } round is no longer open.
round-gap-self = • No self-evaluation ({ $count }): { $names }
round-gap-ballots = • Fewer than { $min } masses ballots ({ $count }): { $names }
round-gap-ballots-each = { $name } ({ $ballots })
round-gap-org = • No organisation score ({ $count }): { $names }
round-gap-none = • Every member has a self-evaluation, enough ballots and an organisation score.
cmd-progress = The round at a glance (secretary)
progress-title = 📊 { $branch } · rating progress (as of { $at })
progress-leading-short = • Leading members with fewer than { $min } approved pledge items ({ $count }): { $names }
progress-leading-short-each = { $name } ({ $count } missing)
progress-leading-ok = • Every leading member has at least { $min } approved pledge items.
progress-overdue = • Overdue pledge items ({ $count }): { $names }
progress-overdue-each = { $name } { $count }
progress-overdue-none = • No overdue pledge items.
progress-pending = • Awaiting review: registrations { $registrations } · pledge items { $items } · done claims { $claims } · deeds { $deeds } · feedback { $feedback } · post standards { $standards }
progress-pending-none = • Nothing awaits review.
progress-button-refresh = 🔄 Refresh
progress-refreshed = Updated.
cmd-finalize = Publish the final results early (secretary, no open objection)
rating-finalized-early = ✅ No objection is open: the { $month } results are final now and stars have been set. The final results follow in the group.
