//! The names of the extraction rules: one registry, so that every item in a report says which
//! rule produced it (`rule` in the JSON, `--explain` in the views) and a reader can find the
//! rule by its name. A name is `kind.rule`; it is stable across releases.
//!
//! Each rule's code sits in the module its name points to (`target.number_first` in
//! `extract/targets/indicator.rs` …), and its examples in `tests/corpus/<kind>.tsv`; the corpus
//! runner checks that every rule here is exercised by at least one corpus row.

use crate::report::string_enum;

macro_rules! rules {
    ($($variant:ident => $name:literal : $what:literal;)+) => {
        string_enum! {
            /// A named extraction rule (see the module documentation).
            Rule { $($variant => $name),+ }
        }

        impl Rule {
            /// What the rule reads, in one line (for `policylens rules` and `--explain`).
            pub fn description(self) -> &'static str {
                match self {
                    $(Rule::$variant => $what),+
                }
            }
        }
    };
}

rules! {
    // targets (extract/targets/)
    TargetLinking => "target.linking": "an indicator that states its figure: 指标达到N, 指标N, 指标提高到N";
    TargetNumberFirst => "target.number_first": "a figure before the noun it counts: 培育100家企业, 建设30个平台";
    TargetMeasuredNoun => "target.measured_noun": "a share or count after only a scope, before the noun it measures: 全区93.8%的河道…, 区内28座泵闸";
    TargetEnumerationCount => "target.enumeration_count": "a count after a list of names, or closing one with 等: A、B2座水厂, A、B等5座水厂";
    TargetClauseSubject => "target.clause_subject": "a figure whose indicator is the subject of an earlier clause: 全省GDP…,2021年达到N";
    TargetLabelValue => "target.label_value": "a label and its figure: 5G基站数:20万个";
    TargetSameIndicator => "target.same_indicator": "a figure that measures the indicator named before it: 从X增长到Y, A和B分别达到N和M";
    TargetElliptical => "target.elliptical": "a measure of the subject just named: …增加值突破N,年均增长M";
    TargetTable => "target.table": "a cell of an indicator table (指标 / 2020年 / 2025年 / 属性)";
    // dates (extract/dates/)
    DateDay => "date.day": "a full date: 2021年12月12日, 2021-12-12, 二〇二一年十二月十二日";
    DateMonth => "date.month": "a year and month: 2021年12月, 2021年3月份, 2021-12";
    DateYear => "date.year": "a year, with its governing word: 到2025年, 2020年底";
    DateYearRange => "date.year_range": "a span of years: 2021—2025年, 2021-2023年";
    DateMonthRange => "date.month_range": "a span of months: 2022年1-6月, 2020年12月至2021年3月, 三月到五月";
    DateMonthList => "date.month_list": "months named together: 2023年5、6月";
    DateHalfQuarter => "date.half_quarter": "a half-year or quarter: 2021年上半年, 一季度, 前三季度";
    DateFiveYearPlan => "date.five_year_plan": "a five-year-plan period: “十四五”时期, 第十四个五年规划";
    DateRelative => "date.relative": "a year, month or quarter told against the publication date or the document's year: 今年, 上年, 上月, 本季度, 上半年, 3月份, 年底前";
    DateMonthDay => "date.month_day": "a month and day without a year: 11月19日";
    DateDayRange => "date.day_range": "a span of days, the year and month carried over: 2017年8月11日至22日";
    DateDecade => "date.decade": "a decade: 上世纪90年代, 20世纪80年代";
    DateHoliday => "date.holiday": "a holiday's day: 2022年春节, 今年国庆节";
    DateOpenSpan => "date.open_span": "a span open at one end, read as its anchor: 2018年以来, 自2021年1月1日起, 2025年前";
    // regions (extract/regions/)
    RegionFullName => "region.full_name": "a division's full name: 浙江省, 杭州市, 渝北区";
    RegionShortName => "region.short_name": "a division's short name on word boundaries: 浙江, 杭州, 渝北";
    RegionAlias => "region.alias": "a hand alias from dicts/regions/aliases.tsv: 湘西州";
    RegionAfterParent => "region.after_parent": "a short name right after its parent: 福州鼓楼, 北京朝阳";
    RegionInList => "region.in_list": "an ordinary-word name inside a list of places: 太原、大同、长治";
    RegionCompound => "region.compound": "a piece of one token made of place names: 吉林长春";
    RegionAbbreviation => "region.abbreviation": "a one-character abbreviation in a run or after a verb of place: 沪苏浙皖, 川渝, 在皖";
    RegionArea => "region.area": "a named area: 长三角, 京津冀, 雄安新区";
    // tasks (extract/tasks/)
    TaskInline => "task.inline": "items inside a sentence before a declared count: A、B和C等3项任务";
    TaskColon => "task.colon": "items after a lead that ends with a colon: 重点实施“三大工程”:A、B、C";
    TaskOutline => "task.outline": "a heading of the numbered outline with its sub-headings";
    TaskCountedOutline => "task.counted_outline": "a run of top-level headings whose number a sentence before it states: 7个方面 … 一、… 七、";
    TaskRunIn => "task.run_in": "run-in item headings (智能化制造。鼓励…) under a heading without a body, or in a box that announces its contents";
    TaskTable => "task.table": "the project names of a project table (序号 / 项目名称 / … with numbered rows)";
    TaskCountedList => "task.counted_list": "items inside a sentence counted by the phrase after them: A、B和C三个重点领域";
    TaskEnumeration => "task.enumeration": "items marked in order: 一是…二是…, 第一,…第二,…, 一方面…另一方面";
    TaskDashItems => "task.dash_items": "item lines that open with —— or a bullet";
    TaskLead => "task.lead": "a lead sentence (以下几方面工作:, 有哪些?) and the parallel headings after it";
}

impl Rule {
    /// The kind of item the rule produces (`target`, `date`, `region`, `task`).
    pub fn kind(self) -> &'static str {
        self.as_str().split('.').next().unwrap_or("")
    }
}
