//! Splitting a long list into numbered pages (the admin's people table at 10,000 people).

/// Where one page of a list starts, and how many pages there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// The page shown, from 1; a page asked for beyond the last shows the last.
    pub page: u32,
    /// How many pages the list has (at least 1: an empty list is one empty page).
    pub pages: u32,
    /// How many items come before this page.
    pub offset: i64,
}

impl Paging {
    /// Page `asked` (from 1; `0` counts as 1) of `total` items, `per_page` at a time.
    pub fn of(total: i64, per_page: i64, asked: u32) -> Paging {
        let per_page = per_page.max(1);
        let pages = u32::try_from((total.max(0) + per_page - 1) / per_page)
            .unwrap_or(u32::MAX)
            .max(1);
        let page = asked.clamp(1, pages);
        Paging {
            page,
            pages,
            offset: i64::from(page - 1) * per_page,
        }
    }

    /// The page before this one, if there is one.
    pub fn previous(&self) -> Option<u32> {
        (self.page > 1).then(|| self.page - 1)
    }

    /// The page after this one, if there is one.
    pub fn next(&self) -> Option<u32> {
        (self.page < self.pages).then(|| self.page + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_thousand_people_make_a_hundred_pages_of_a_hundred() {
        let p = Paging::of(10_000, 100, 37);
        assert_eq!((p.page, p.pages, p.offset), (37, 100, 3_600));
        assert_eq!((p.previous(), p.next()), (Some(36), Some(38)));
    }

    #[test]
    fn a_page_out_of_range_shows_the_nearest_one() {
        assert_eq!(Paging::of(250, 100, 9).page, 3, "beyond the last: the last");
        assert_eq!(Paging::of(250, 100, 0).page, 1, "zero: the first");
        assert_eq!(Paging::of(250, 100, 3).next(), None);
        assert_eq!(Paging::of(250, 100, 1).previous(), None);
    }

    #[test]
    fn an_empty_list_is_one_empty_page() {
        let p = Paging::of(0, 100, 5);
        assert_eq!((p.page, p.pages, p.offset), (1, 1, 0));
        assert_eq!(Paging::of(100, 100, 2).pages, 1, "exactly one full page");
    }
}
