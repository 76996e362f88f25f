standard-open-private = Tap the button below to write the standard of your post in a private chat.
standard-button-write = ✍️ Write my post standard
standard-choose-branch = You have cards in several branches. Which branch is this standard for?
standard-current-draft = You have an unsubmitted draft:
    { $text }
standard-current-approved = Your approved standard:
    { $text }
    Send a new text to start a revision; it will be shown for comment again.
standard-current-returned = Your standard was returned. Reason: { $reason }
    Your text:
    { $text }
    Please send the revised text.
standard-ask-text = Write the model standard of your post (10–1000 characters): concrete requirements such as service times, manner and quality. Send /cancel at any time to stop.
standard-submitted = ✅ Your standard is posted in the group for comment. When the comment period ends, the branch decides.
standard-ask-comment = Write your comment or suggestion on this standard (up to 500 characters):
standard-comment-sent = ✅ Thank you. Your comment was passed to the member and the branch secretary.
standard-comment-intro = This is { $name }'s post standard (open for comment):
    { $text }
standard-ask-return-reason = Reply to this message with the reason for returning { $name }'s standard:
standard-button-comment = 💬 Comment
standard-proposed-heading = { $name }'s post standard (revision { $revision } · open for comment)
standard-card-heading = Standard publication card · { $name } (revision { $revision })
standard-comment-open = Member proposes, masses discuss, branch decides. Tap "Comment" to give your view; comments are open until { $until }.
standard-comment-count = 💬 { $count ->
        [one] 1 comment
       *[other] { $count } comments
    } so far.
standard-comment-dm = 💬 { $author } commented on the post standard:
    { $text }
standard-returned-group = ↩️ { $name }'s standard was returned for revision. Reason: { $reason }
standard-returned-dm = ↩️ Your post standard was returned. Reason: { $reason }
    Send /standard to revise and resubmit it.
standard-approved-by = ✅ Approved by { $by }.
standard-approved-dm = ✅ Your post standard was approved and is posted in the group as your standard publication card.
standard-approved-toast = Approved
button-approve = ✅ Approve
button-confirm = ✅ Confirm
button-return = ↩️ Return
standard-ask-early-reason = The comment period on { $name }'s standard runs until { $closesAt }. To approve it early, reply to this message with the reason (it is recorded and shown in the group):
standard-approved-early = Approved before the comment period ended. Reason: { $reason }
