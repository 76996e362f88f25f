error-redflag-none = 还没有评出流动红旗。
comparison-title = 📊 { $committee } · { $month } 支部比较（{ $count } 个支部）
comparison-line = { $rank }. { $name }：平均分 { $avg } · 合格率 { $pass }% · 人均核实实事 { $deeds } · 逾期承诺 { $overdue }
comparison-line-none = { $rank }. { $name }：本月无考评结果
comparison-more = ……另有 { $count } 个支部未列入表中；图中列出前 { $chart } 个支部。
comparison-chart-caption = { $committee } · { $month } 支部比较图
comparison-chart-avg = 平均分
comparison-chart-pass = 合格率%
comparison-chart-deeds = 人均实事×10
comparison-chart-overdue = 逾期承诺
stars-title = ⭐ { $committee } · { $month } 每月之星（规则 { $version }）
stars-line = { $rank }. { $name }（{ $branch }）· { $total } 分 · 核实实事 { $deeds } 件
stars-none = 本月没有达到每月之星条件（合格且 { $min } 分以上）的党员。
redflag-announce = 🚩 流动红旗 · { $period }
    { $committee } 将流动红旗授予“{ $winner }”（综合指数 { $index }）。
    规则 { $version }：平均分 { $wAvg }% + 自评参与率 { $wPart }% + 承诺按期 { $wOver }%。委员可在党委群发送 /redflag why 查看依据。
redflag-announce-none = 🚩 流动红旗 · { $period }
    { $committee } 本期没有符合条件的支部，流动红旗暂不授予。
redflag-board = 🚩 本支部持有“{ $committee }”流动红旗（{ $period }）
redflag-why-title = 🚩 { $committee } 流动红旗 · { $period } · 规则 { $version }
redflag-why-rule = 综合指数 = 平均分×{ $wAvg }% + 自评参与率×{ $wPart }% + 承诺按期得分×{ $wOver }%（每名参评党员 1 项逾期承诺计 0 分）。
redflag-why-winner = 获得者：{ $winner }
redflag-why-nobody = 本期没有符合条件的支部。
redflag-why-line = { $rank }. { $name }：指数 { $index } = 平均分 { $avg } · 参与率 { $part }% · 按期得分 { $over }（参评 { $rated } 人，逾期 { $overdue } 项）
redflag-why-ineligible = { $name }：无考评结果，不参评
redflag-why-tie = 并列时依次比较：{ $by }。
redflag-why-previous = 上期持有者：{ $name }
redflag-why-usage = 用法：/redflag why [期间，如 2026-11 或 2026Q4]
cmd-redflag = 流动红旗依据（/redflag why）
redflag-why-more = ……另有 { $count } 个支部，名次依此类推。
redflag-tie-averageScore = 平均分
redflag-tie-participation = 自评参与率
redflag-tie-overduePerMember = 人均逾期承诺
redflag-tie-notPreviousHolder = 非上期持有者优先
redflag-tie-branchId = 支部编号
