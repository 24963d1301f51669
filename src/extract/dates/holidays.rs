//! The holidays of `dicts/holidays.tsv`: the forms a text writes for each, and the day it
//! falls on — the same day every year (元旦, 国庆节) or, for the lunar ones (春节, 端午节,
//! 中秋节), one row per year.

use crate::dicts::Table;
use crate::error::DictError;
use std::collections::BTreeMap;

/// One holiday: its name, its forms and its days.
#[derive(Debug, Clone, Default)]
pub struct Holiday {
    /// The holiday's own name (the first form of its rows).
    pub name: String,
    /// The same month and day every year, when it has one.
    pub fixed: Option<(u32, u32)>,
    /// The day in each year of the table (lunar holidays).
    pub by_year: BTreeMap<i32, (u32, u32)>,
}

impl Holiday {
    /// The month and day of the holiday in `year`; None for a lunar holiday outside the table.
    pub fn day_in(&self, year: i32) -> Option<(u32, u32)> {
        self.fixed.or_else(|| self.by_year.get(&year).copied())
    }
}

/// A form a text writes for a holiday.
#[derive(Debug, Clone)]
pub struct Form {
    /// The form as written (国庆节, 五一).
    pub text: String,
    /// Index into [`Holidays::list`].
    pub holiday: usize,
    /// An ordinary word or numeral too (国庆, 五一): read only beside a year or a time word.
    pub needs_context: bool,
}

/// Every holiday of the table and every form, longest form first.
#[derive(Debug, Clone, Default)]
pub struct Holidays {
    /// The holidays, in table order.
    pub list: Vec<Holiday>,
    /// Their forms, longest first (so 国庆节 is tried before 国庆).
    pub forms: Vec<Form>,
}

fn month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    // 2000 is a leap year, so 02-29 is accepted as a day that exists in some years.
    chrono::NaiveDate::from_ymd_opt(2000, m, d).map(|_| (m, d))
}

impl Holidays {
    /// Read the table (`names`, `year`, `date`, `note`); a bad row is an error naming it.
    pub fn from_table(t: &Table) -> Result<Holidays, DictError> {
        let mut h = Holidays::default();
        for row in &t.rows {
            let names: Vec<&str> = row.get(0).split('|').map(str::trim).collect();
            let Some(first) = names.first().map(|n| n.trim_end_matches('*')) else {
                continue;
            };
            if first.is_empty() {
                return Err(row.error("a holiday needs a name"));
            }
            let day = month_day(row.get(2))
                .ok_or_else(|| row.error(format!("date must be MM-DD, not {:?}", row.get(2))))?;
            let idx = match h.list.iter().position(|x| x.name == first) {
                Some(i) => i,
                None => {
                    h.list.push(Holiday {
                        name: first.to_string(),
                        ..Holiday::default()
                    });
                    h.list.len() - 1
                }
            };
            match row.get(1) {
                "*" => h.list[idx].fixed = Some(day),
                y => {
                    let year: i32 = y
                        .parse()
                        .map_err(|_| row.error(format!("year must be `*` or a year, not {y:?}")))?;
                    h.list[idx].by_year.insert(year, day);
                }
            }
            for n in names {
                let text = n.trim_end_matches('*');
                if !text.is_empty() && !h.forms.iter().any(|f| f.text == text) {
                    h.forms.push(Form {
                        text: text.to_string(),
                        holiday: idx,
                        needs_context: n.ends_with('*'),
                    });
                }
            }
        }
        h.forms
            .sort_by_key(|f| std::cmp::Reverse(f.text.chars().count()));
        Ok(h)
    }

    /// The form written exactly as `s`.
    pub fn form(&self, s: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.text == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dicts::parse_tsv;

    #[test]
    fn the_built_in_table_reads() {
        let t = parse_tsv("holidays.tsv", include_str!("../../../dicts/holidays.tsv")).unwrap();
        let h = Holidays::from_table(&t).unwrap();
        let spring = h.list.iter().find(|x| x.name == "春节").unwrap();
        assert_eq!(spring.day_in(2022), Some((2, 1)));
        assert_eq!(spring.day_in(1999), None);
        let national = h.list.iter().find(|x| x.name == "国庆节").unwrap();
        assert_eq!(national.day_in(1999), Some((10, 1)));
        assert!(h.form("国庆").is_some_and(|f| f.needs_context));
        assert!(h.form("国庆节").is_some_and(|f| !f.needs_context));
    }

    #[test]
    fn a_bad_date_names_its_row() {
        let t = parse_tsv("h.tsv", "names\tyear\tdate\n春节\t2022\t2月1日\n").unwrap();
        let e = Holidays::from_table(&t).unwrap_err().to_string();
        assert!(e.contains("h.tsv:2"), "{e}");
    }
}
