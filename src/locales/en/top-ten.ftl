cmd-topten = Top-ten vote (secretary)
topten-opened = <b>{ $branch }: top-ten model posts of { $year }, the vote is open</b>
  Candidates: { $candidates }
  { $seats } places; choose up to { $max }. Voting is anonymous, in the private chat with the bot; no counts are shown before closing.
topten-button-vote = 🗳 Vote
topten-ballot = <b>{ $branch }: top-ten vote { $year }</b>
  Tap candidates (up to { $max }), then "Vote". The vote is anonymous: who chose whom is not recorded.
topten-button-cast = ✅ Vote ({ $chosen }/{ $max } chosen)
topten-too-many = You can choose at most { $max }.
topten-cast = Your anonymous ballot is cast. Thank you.
topten-closed = <b>{ $branch }: top-ten vote { $year }, results</b> ({ $valid } valid ballots, { $void } void)
topten-result-elected = { $rank }. { $name }: { $votes } votes ★ elected
topten-result-line = { $rank }. { $name }: { $votes } votes
topten-chart-title = Top-ten votes { $year }
