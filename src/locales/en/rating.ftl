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
    To object, send me /object in private before { $deadline }.
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
rating-dm-result =
    Your { $month } result: { $total }, { $verdict }
    self { $self } × { $wSelf }% · masses { $masses } × { $wMasses }% · organisation { $org } × { $wOrg }%
    Stars: { $stars }{ $delta }
rating-dm-masses-moved = Fewer than { $min } masses ballots ({ $ballots }): their weight went to the organisation score.
rating-dm-self-missing = No self-evaluation this month: it counts as 0.
rating-dm-why = Send /why to see how it was computed.
rating-no-masses = —
