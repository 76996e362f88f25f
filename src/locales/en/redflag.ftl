error-redflag-none = No red flag has been awarded yet.
comparison-title = 📊 { $committee } · { $month } branch comparison ({ $count } branches)
comparison-line = { $rank }. { $name }: average { $avg } · pass rate { $pass }% · verified deeds per member { $deeds } · overdue pledges { $overdue }
comparison-line-none = { $rank }. { $name }: no results this month
comparison-more = ...and { $count } more branches not in the table; the chart shows the first { $chart }.
comparison-chart-caption = { $committee } · { $month } branch comparison
comparison-chart-avg = Average score
comparison-chart-pass = Pass rate %
comparison-chart-deeds = Deeds per member x10
comparison-chart-overdue = Overdue pledges
stars-title = ⭐ { $committee } · stars of { $month } (rule { $version })
stars-line = { $rank }. { $name } ({ $branch }) · { $total } points · { $deeds } verified deeds
stars-none = No member met the stars-of-the-month bar this month (passed, { $min } points or more).
redflag-announce = 🚩 Rotating red flag · { $period }
    { $committee } awards the rotating red flag to "{ $winner }" (index { $index }).
    Rule { $version }: average score { $wAvg }% + self-evaluation participation { $wPart }% + pledges on time { $wOver }%. Committee members can send /redflag why in the committee group for the figures.
redflag-announce-none = 🚩 Rotating red flag · { $period }
    { $committee }: no branch qualified this period; the flag is not awarded.
redflag-board = 🚩 This branch holds the rotating red flag of "{ $committee }" ({ $period })
redflag-why-title = 🚩 { $committee } red flag · { $period } · rule { $version }
redflag-why-rule = Index = average score x { $wAvg }% + self-evaluation participation x { $wPart }% + pledges-on-time score x { $wOver }% (one overdue pledge per rated member scores 0).
redflag-why-winner = Winner: { $winner }
redflag-why-nobody = No branch qualified this period.
redflag-why-line = { $rank }. { $name }: index { $index } = average { $avg } · participation { $part }% · on-time score { $over } ({ $rated } rated, { $overdue } overdue)
redflag-why-ineligible = { $name }: no results, not ranked
redflag-why-tie = A tie was broken by, in order: { $by }.
redflag-why-previous = Held before by: { $name }
redflag-why-usage = Usage: /redflag why [period, e.g. 2026-11 or 2026Q4]
cmd-redflag = Red flag explained (/redflag why)
redflag-why-more = ...and { $count } more branches, ranked the same way.
redflag-tie-averageScore = average score
redflag-tie-participation = self-rating participation
redflag-tie-overduePerMember = overdue pledges per member
redflag-tie-notPreviousHolder = not the previous holder first
redflag-tie-branchId = branch id
