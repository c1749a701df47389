//! The manager digest's engagement chart, rendered as PNG bytes in memory.
//!
//! Digests are posted to chat platforms as image attachments, so the chart is bytes, never a
//! file, and it must look the same on every machine: the font (DejaVu Sans) is embedded in the
//! binary and no system font is looked up. DejaVu Sans covers Latin, Greek and Cyrillic
//! scripts; it has no CJK glyphs and this renderer does no right-to-left shaping.
//!
//! This is an outer adapter, like `store` or `platform`: `core` must not depend on it. Callers
//! hand it plain numbers and already-translated labels.
//!
//! Drawing is done at twice the requested size and scaled down, which smooths lines and
//! markers (plotters' bitmap backend draws shapes without anti-aliasing).

use std::sync::OnceLock;

use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::{ColorType, ImageEncoder, RgbImage};
use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::element::ComposedElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};

/// Smallest accepted image, as (width, height) in pixels: below it labels cannot fit.
pub const MIN_SIZE: (u32, u32) = (320, 200);

/// Largest accepted width or height in pixels, which bounds the memory one render takes.
pub const MAX_SIDE: u32 = 2048;

/// How many times larger than requested the chart is drawn before it is scaled down.
const SUPERSAMPLE: u32 = 2;

/// The font family every text style uses; the embedded DejaVu Sans is registered under it.
const FONT: &str = "sans-serif";

/// Line colours in series order, from the Okabe–Ito palette, which stays distinguishable
/// with the common forms of colour blindness.
const PALETTE: [RGBColor; 6] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
];

/// Text colours: near-black for the title, dark grey for labels.
const TITLE_COLOUR: RGBColor = RGBColor(33, 37, 41);
const TEXT_COLOUR: RGBColor = RGBColor(73, 80, 87);
/// Grid and axis colours.
const GRID_COLOUR: RGBColor = RGBColor(218, 223, 228);
const AXIS_COLOUR: RGBColor = RGBColor(173, 181, 189);

/// One line on the chart, such as a team's average engagement score.
///
/// It exists so a digest can compare groups over the same rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSeries {
    /// The name shown in the legend, already translated.
    pub label: String,
    /// One value per round, in round order. `None` means no data, or a value hidden to keep
    /// a small group anonymous: the line has a gap there, never a zero. Non-finite values are
    /// treated as `None`. A series shorter than the rounds is missing its last rounds.
    pub values: Vec<Option<f64>>,
}

/// Everything drawn on a digest's engagement chart, apart from its size in pixels.
///
/// It exists so the digest builds one value with translated text and data, and the renderer
/// decides the look.
#[derive(Debug, Clone, Copy)]
pub struct EngagementChart<'a> {
    /// The heading above the chart.
    pub title: &'a str,
    /// The description of the vertical axis, drawn rotated along it.
    pub y_label: &'a str,
    /// One label per round along the horizontal axis, oldest first, such as "W37". Up to
    /// twelve fit comfortably; with more, some labels are skipped.
    pub round_labels: &'a [String],
    /// The lines to draw. Up to six get distinct colours; markers change shape as well, so
    /// more series, or a print in grey, stay readable.
    pub series: &'a [ChartSeries],
    /// The vertical axis range as (low, high), such as (1.0, 5.0) for a five-point scale.
    /// A value outside it is an error, since drawing it at the edge would misstate it.
    pub y_range: (f64, f64),
}

/// Why a chart could not be rendered.
///
/// It exists so the digest can log the reason and send the text digest without a chart.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The requested image is smaller than [`MIN_SIZE`] or larger than [`MAX_SIDE`].
    #[error(
        "chart size {width}x{height} is outside the allowed {}x{} to {MAX_SIDE}x{MAX_SIDE}",
        MIN_SIZE.0,
        MIN_SIZE.1
    )]
    InvalidSize {
        /// The requested width in pixels.
        width: u32,
        /// The requested height in pixels.
        height: u32,
    },
    /// The vertical range is not finite, or its low end is not below its high end.
    #[error("chart y range {low}..{high} is not a finite, increasing range")]
    InvalidRange {
        /// The requested low end.
        low: f64,
        /// The requested high end.
        high: f64,
    },
    /// A series has more values than there are rounds, so some of its data would be lost.
    #[error("series {label:?} has {values} values but the chart has {rounds} rounds")]
    TooManyValues {
        /// The series' label.
        label: String,
        /// How many values it has.
        values: usize,
        /// How many rounds the chart has.
        rounds: usize,
    },
    /// A value lies outside the chart's y range.
    #[error("series {label:?} has {value} in round {round}, outside the chart's y range")]
    OutOfRange {
        /// The series' label.
        label: String,
        /// The round's index, from 0.
        round: usize,
        /// The value.
        value: f64,
    },
    /// The embedded font could not be registered with the drawing library.
    #[error("the embedded chart font could not be loaded")]
    Font,
    /// The drawing library failed while drawing.
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    /// The drawn image could not be encoded as PNG.
    #[error("encoding the chart as PNG failed: {0}")]
    Encode(#[from] image::ImageError),
}

/// Renders `chart` as a PNG image of `width` × `height` pixels and returns the file's bytes.
///
/// It exists so the digest can attach a chart to a chat message without touching the disk.
pub fn render_png(
    chart: &EngagementChart<'_>,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, ChartError> {
    validate(chart, width, height)?;
    ensure_font()?;

    let (big_w, big_h) = (width * SUPERSAMPLE, height * SUPERSAMPLE);
    let mut rgb = vec![0u8; big_w as usize * big_h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (big_w, big_h)).into_drawing_area();
        let scale = Scale::new(width, height);
        draw(&root, chart, scale)?;
        root.present().map_err(draw_error)?;
    }
    let big = RgbImage::from_raw(big_w, big_h, rgb)
        .ok_or_else(|| ChartError::Draw("the pixel buffer does not match the image size".into()))?;
    let small = image::imageops::resize(&big, width, height, FilterType::Triangle);

    let mut png = Vec::new();
    PngEncoder::new(&mut png).write_image(small.as_raw(), width, height, ColorType::Rgb8)?;
    Ok(png)
}

/// Rejects inputs that would draw nonsense or lose data, before any allocation.
fn validate(chart: &EngagementChart<'_>, width: u32, height: u32) -> Result<(), ChartError> {
    if width < MIN_SIZE.0 || height < MIN_SIZE.1 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(ChartError::InvalidSize { width, height });
    }
    let (low, high) = chart.y_range;
    if !low.is_finite() || !high.is_finite() || low >= high {
        return Err(ChartError::InvalidRange { low, high });
    }
    let rounds = chart.round_labels.len();
    if let Some(series) = chart.series.iter().find(|s| s.values.len() > rounds) {
        return Err(ChartError::TooManyValues {
            label: series.label.clone(),
            values: series.values.len(),
            rounds,
        });
    }
    // Tolerate rounding noise at the ends, such as an average of 5.000000000001.
    let slack = (high - low) * 1e-9;
    for one in chart.series {
        if let Some((round, value)) =
            points(&one.values).find(|(_, v)| *v < low - slack || *v > high + slack)
        {
            return Err(ChartError::OutOfRange {
                label: one.label.clone(),
                round: round as usize,
                value,
            });
        }
    }
    Ok(())
}

/// Registers the embedded DejaVu Sans with plotters, once per process.
fn ensure_font() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        register_font(FONT, FontStyle::Normal, dejavu::sans::regular()).is_ok()
            && register_font(FONT, FontStyle::Bold, dejavu::sans::bold()).is_ok()
    });
    if ok { Ok(()) } else { Err(ChartError::Font) }
}

/// Turns any plotters error into a [`ChartError::Draw`].
fn draw_error(error: impl std::fmt::Display) -> ChartError {
    ChartError::Draw(error.to_string())
}

/// Converts sizes designed for an 800 × 450 chart into backend pixels. Sizes grow with the
/// square root of the image's size, so small charts keep readable text and large ones do not
/// get huge text.
#[derive(Debug, Clone, Copy)]
struct Scale(f64);

impl Scale {
    fn new(width: u32, height: u32) -> Self {
        let fit = (f64::from(width) / 800.0).min(f64::from(height) / 450.0);
        Self(fit.sqrt().clamp(0.6, 2.0) * f64::from(SUPERSAMPLE))
    }

    /// A length in backend pixels.
    fn px(self, design: f64) -> i32 {
        (design * self.0).round() as i32
    }

    /// A positive length in backend pixels, as plotters wants for sizes and strokes.
    fn upx(self, design: f64) -> u32 {
        (design * self.0).round().max(1.0) as u32
    }

    /// A font size in backend pixels.
    fn font(self, design: f64) -> f64 {
        design * self.0
    }
}

/// The marker shapes, cycled in series order alongside the colours, so series stay apart
/// when colours repeat or are hard to tell.
#[derive(Debug, Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

/// A marker as plotters draws it: a white halo polygon, then the coloured shape.
type MarkerElement<C, DB> = ComposedElement<C, DB, Polygon<(i32, i32)>, Polygon<(i32, i32)>>;

impl Marker {
    fn for_series(index: usize) -> Self {
        match index % 4 {
            0 => Self::Circle,
            1 => Self::Square,
            2 => Self::Triangle,
            _ => Self::Diamond,
        }
    }

    /// The shape's corners as pixel offsets from its centre, for a shape of radius `r`.
    /// Each shape is sized to look about as heavy as a circle of that radius.
    fn outline(self, r: f64) -> Vec<(i32, i32)> {
        let at = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
        match self {
            Self::Circle => (0..32)
                .map(|i| {
                    let a = f64::from(i) * std::f64::consts::TAU / 32.0;
                    at(r * a.cos(), r * a.sin())
                })
                .collect(),
            Self::Square => {
                let h = r * 0.88;
                vec![at(-h, -h), at(h, -h), at(h, h), at(-h, h)]
            }
            Self::Triangle => {
                let h = r * 1.3;
                vec![at(0.0, -h), at(h * 0.866, h * 0.5), at(-h * 0.866, h * 0.5)]
            }
            Self::Diamond => {
                let h = r * 1.2;
                vec![at(0.0, -h), at(h, 0.0), at(0.0, h), at(-h, 0.0)]
            }
        }
    }

    /// The marker at `centre`. On the plot it has a white halo so it stands out where lines
    /// cross; in the legend the halo would cut the sample line, so it is left out there.
    fn element<C, DB: DrawingBackend>(
        self,
        centre: C,
        colour: RGBColor,
        halo: bool,
        s: Scale,
    ) -> MarkerElement<C, DB> {
        let r = s.font(4.2);
        let (halo_r, halo_colour) = if halo {
            (r + s.font(1.6), WHITE)
        } else {
            (r, colour)
        };
        EmptyElement::at(centre)
            + Polygon::new(self.outline(halo_r), halo_colour.filled())
            + Polygon::new(self.outline(r), colour.filled())
    }
}

/// The colour of the series at `index`.
fn colour_for(index: usize) -> RGBColor {
    PALETTE[index % PALETTE.len()]
}

/// Draws the whole chart on `root`: title on top, plot in the middle, legend below.
fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &EngagementChart<'_>,
    s: Scale,
) -> Result<(), ChartError> {
    root.fill(&WHITE).map_err(draw_error)?;
    let inner = root.margin(s.px(16.0), s.px(12.0), s.px(16.0), s.px(24.0));
    let (inner_w, inner_h) = inner.dim_in_pixel();

    let title_style = TextStyle::from((FONT, s.font(20.0), FontStyle::Bold).into_font())
        .color(&TITLE_COLOUR)
        .pos(Pos::new(HPos::Left, VPos::Top));
    let (title_area, rest) = inner.split_vertically(s.px(38.0));
    let title = fit_text(&title_area, chart.title, &title_style, inner_w)?;
    title_area
        .draw_text(&title, &title_style, (s.px(4.0), 0))
        .map_err(draw_error)?;

    let legend_style = TextStyle::from((FONT, s.font(14.0)).into_font())
        .color(&TEXT_COLOUR)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let legend = Legend::lay_out(&rest, chart.series, &legend_style, s)?;
    let rest_h = inner_h.saturating_sub(s.upx(38.0));
    let (plot_area, legend_area) = rest.split_vertically(rest_h.saturating_sub(legend.height));

    draw_plot(&plot_area, chart, s)?;
    legend.draw(&legend_area, &legend_style, s)
}

/// Draws the axes, grid, lines and markers.
fn draw_plot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &EngagementChart<'_>,
    s: Scale,
) -> Result<(), ChartError> {
    let rounds = chart.round_labels.len();
    let last = rounds.saturating_sub(1) as f64;
    let tick_style = TextStyle::from((FONT, s.font(13.0)).into_font()).color(&TEXT_COLOUR);
    let y_label_area = s.upx(62.0);
    let margin_right = s.upx(12.0);
    let plot_w = area
        .dim_in_pixel()
        .0
        .saturating_sub(y_label_area + margin_right);
    let mut widest = 0;
    for label in chart.round_labels {
        let (w, _) = area
            .estimate_text_size(label, &tick_style)
            .map_err(draw_error)?;
        widest = widest.max(w);
    }
    let slot = widest + s.upx(14.0);
    let x_range = RoundAxis {
        last,
        labelled: labelled_rounds(rounds, plot_w, slot),
    };
    // A little room above and below the range, so markers at its ends are not cut in half.
    let (low, high) = chart.y_range;
    let room = (high - low) * 0.04;

    let mut ctx = ChartBuilder::on(area)
        .margin_top(s.px(8.0))
        .margin_right(margin_right)
        .x_label_area_size(s.upx(34.0))
        .y_label_area_size(y_label_area)
        .build_cartesian_2d(x_range, low - room..high + room)
        .map_err(draw_error)?;

    let desc_style = TextStyle::from((FONT, s.font(14.0)).into_font()).color(&TEXT_COLOUR);
    let x_format = |x: &f64| round_label(chart.round_labels, *x);
    let y_format = |y: &f64| tick_value(*y);
    ctx.configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID_COLOUR.stroke_width(s.upx(1.0)))
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS_COLOUR.stroke_width(s.upx(1.0)))
        .set_all_tick_mark_size(s.px(5.0))
        .y_labels(6)
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .label_style(tick_style)
        .y_desc(chart.y_label)
        .axis_desc_style(desc_style)
        .draw()
        .map_err(draw_error)?;

    let line_width = s.upx(2.5);
    for (index, series) in chart.series.iter().enumerate() {
        let style = colour_for(index).stroke_width(line_width);
        for run in runs(&series.values) {
            if run.len() > 1 {
                ctx.draw_series(LineSeries::new(run, style))
                    .map_err(draw_error)?;
            }
        }
    }
    for (index, series) in chart.series.iter().enumerate() {
        let (colour, marker) = (colour_for(index), Marker::for_series(index));
        ctx.draw_series(points(&series.values).map(|point| marker.element(point, colour, true, s)))
            .map_err(draw_error)?;
    }
    Ok(())
}

/// The horizontal axis: one evenly spaced position per round, with half a step of room at
/// each end so the first and last markers clear the plot's edges. It exists because
/// plotters' own numeric axes choose their ticks, and a round axis must tick only at rounds.
struct RoundAxis {
    /// The latest round's position (rounds are at 0, 1, 2 …).
    last: f64,
    /// The positions whose labels are drawn.
    labelled: Vec<f64>,
}

impl RoundAxis {
    /// Room left of the first round and right of the last, in rounds.
    const PAD: f64 = 0.45;
}

impl Ranged for RoundAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.last + 2.0 * Self::PAD;
        let share = (value + Self::PAD) / span;
        limit.0 + (share * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, _hint: Hint) -> Vec<f64> {
        self.labelled.clone()
    }

    fn range(&self) -> std::ops::Range<f64> {
        -Self::PAD..self.last + Self::PAD
    }
}

/// The drawable points of a series as (round index, value): every finite value.
fn points(values: &[Option<f64>]) -> impl Iterator<Item = (f64, f64)> + '_ {
    values
        .iter()
        .enumerate()
        .filter_map(|(round, value)| match value {
            Some(v) if v.is_finite() => Some((round as f64, *v)),
            _ => None,
        })
}

/// Splits a series at its gaps into runs of consecutive drawable points, so a missing or
/// hidden round leaves a break in the line instead of a drop to zero. Shared with the web
/// dashboard's SVG charts, which break their lines the same way.
pub fn runs(values: &[Option<f64>]) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (round, value) in values.iter().enumerate() {
        match value {
            Some(v) if v.is_finite() => current.push((round as f64, *v)),
            _ if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            _ => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// The rounds whose labels are drawn: all of them when each gets a `slot` pixels wide
/// within `plot_width`, otherwise every n-th one, counted back from the latest round so it is
/// always labelled. Shared with the web dashboard's SVG charts.
pub fn labelled_rounds(rounds: usize, plot_width: u32, slot: u32) -> Vec<f64> {
    let room = (plot_width / slot.max(1)).max(1) as usize;
    let step = rounds.div_ceil(room).max(1);
    (0..rounds)
        .filter(|round| (rounds - 1 - round).is_multiple_of(step))
        .map(|round| round as f64)
        .collect()
}

/// The label of the round at horizontal position `x`, or nothing between rounds.
fn round_label(labels: &[String], x: f64) -> String {
    let nearest = x.round();
    if nearest < 0.0 || (x - nearest).abs() > 1e-6 {
        return String::new();
    }
    labels.get(nearest as usize).cloned().unwrap_or_default()
}

/// A tick value with no trailing zeros: "3", "3.5", "3.25".
fn tick_value(y: f64) -> String {
    let text = format!("{y:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Shortens `text` with an ellipsis until it fits in `max_width` pixels.
fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
    max_width: u32,
) -> Result<String, ChartError> {
    let width = |t: &str| area.estimate_text_size(t, style).map(|(w, _)| w);
    if width(text).map_err(draw_error)? <= max_width {
        return Ok(text.to_string());
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate = format!("{}…", chars.iter().collect::<String>().trim_end());
        if width(&candidate).map_err(draw_error)? <= max_width {
            return Ok(candidate);
        }
    }
    Ok(String::new())
}

/// The legend's entries placed in centred rows under the plot.
struct Legend {
    /// Each entry's series index, label (shortened if needed), and top-left corner.
    entries: Vec<(usize, String, (i32, i32))>,
    /// The height the legend needs, in backend pixels; zero with no series.
    height: u32,
}

impl Legend {
    /// Design sizes: the line sample's length, the gap before the label, between entries,
    /// and each row's height.
    const SAMPLE: f64 = 28.0;
    const GAP: f64 = 8.0;
    const SPACING: f64 = 26.0;
    const ROW: f64 = 24.0;

    /// Wraps the entries into rows that fit the width of `area`.
    fn lay_out<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        series: &[ChartSeries],
        style: &TextStyle<'_>,
        s: Scale,
    ) -> Result<Self, ChartError> {
        if series.is_empty() {
            return Ok(Self {
                entries: Vec::new(),
                height: 0,
            });
        }
        let max_w = area.dim_in_pixel().0 as i32;
        let lead = s.px(Self::SAMPLE) + s.px(Self::GAP);
        let spacing = s.px(Self::SPACING);
        let max_label = (max_w - lead).max(1) as u32;

        // Rows of (index, label, entry width).
        let mut rows: Vec<Vec<(usize, String, i32)>> = vec![Vec::new()];
        let mut row_w = 0;
        for (index, one) in series.iter().enumerate() {
            let label = fit_text(area, &one.label, style, max_label)?;
            let (text_w, _) = area.estimate_text_size(&label, style).map_err(draw_error)?;
            let entry_w = lead + text_w as i32;
            let needed = if row_w == 0 {
                entry_w
            } else {
                row_w + spacing + entry_w
            };
            if row_w > 0 && needed > max_w {
                rows.push(Vec::new());
                row_w = entry_w;
            } else {
                row_w = needed;
            }
            if let Some(row) = rows.last_mut() {
                row.push((index, label, entry_w));
            }
        }

        let row_h = s.px(Self::ROW);
        let top = s.px(6.0);
        let mut entries = Vec::new();
        for (row_index, row) in rows.into_iter().enumerate() {
            let total: i32 = row.iter().map(|(_, _, w)| w).sum::<i32>()
                + spacing * (row.len() as i32 - 1).max(0);
            let mut x = ((max_w - total) / 2).max(0);
            let y = top + row_index as i32 * row_h;
            for (index, label, w) in row {
                entries.push((index, label, (x, y)));
                x += w + spacing;
            }
        }
        let rows_used = entries
            .last()
            .map_or(0, |(_, _, (_, y))| (y - top) / row_h + 1);
        Ok(Self {
            entries,
            height: (top + rows_used * row_h) as u32,
        })
    }

    /// Draws each entry: a short line with the series' marker, then its label.
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &TextStyle<'_>,
        s: Scale,
    ) -> Result<(), ChartError> {
        let sample = s.px(Self::SAMPLE);
        let mid = s.px(Self::ROW) / 2;
        for (index, label, (x, y)) in &self.entries {
            let (colour, marker) = (colour_for(*index), Marker::for_series(*index));
            let centre_y = y + mid;
            area.draw(&PathElement::new(
                vec![(*x, centre_y), (x + sample, centre_y)],
                colour.stroke_width(s.upx(2.5)),
            ))
            .map_err(draw_error)?;
            area.draw(&marker.element((x + sample / 2, centre_y), colour, false, s))
                .map_err(draw_error)?;
            area.draw_text(label, style, (x + sample + s.px(Self::GAP), centre_y))
                .map_err(draw_error)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

    fn weeks(from: u32, count: u32) -> Vec<String> {
        (from..from + count).map(|w| format!("W{w}")).collect()
    }

    fn series(label: &str, values: &[Option<f64>]) -> ChartSeries {
        ChartSeries {
            label: label.to_string(),
            values: values.to_vec(),
        }
    }

    /// Six teams over twelve weeks, with hidden rounds, as a digest would send.
    fn sample_series() -> Vec<ChartSeries> {
        vec![
            series(
                "Company",
                &[3.6, 3.7, 3.7, 3.8, 3.7, 3.9, 3.9, 4.0, 3.9, 4.0, 4.1, 4.1].map(Some),
            ),
            series(
                "Customer Success",
                &[
                    Some(3.9),
                    Some(4.1),
                    Some(4.0),
                    Some(4.2),
                    Some(4.3),
                    Some(4.2),
                    Some(4.4),
                    Some(4.3),
                    Some(4.5),
                    Some(4.4),
                    Some(4.6),
                    Some(4.5),
                ],
            ),
            series(
                "Engineering",
                &[
                    Some(3.4),
                    Some(3.3),
                    None,
                    None,
                    Some(3.6),
                    Some(3.8),
                    Some(3.7),
                    Some(3.9),
                    Some(3.8),
                    Some(4.0),
                    Some(3.9),
                    Some(4.0),
                ],
            ),
            series(
                "Zaangażowanie (Kraków)",
                &[
                    Some(2.9),
                    Some(3.1),
                    Some(3.0),
                    Some(3.2),
                    None,
                    Some(3.4),
                    Some(3.3),
                    Some(3.5),
                    Some(3.6),
                    Some(3.4),
                    Some(3.7),
                    Some(3.8),
                ],
            ),
            series(
                "Δέσμευση (Αθήνα)",
                &[
                    None,
                    Some(3.2),
                    Some(3.4),
                    Some(3.3),
                    Some(3.5),
                    Some(3.4),
                    None,
                    Some(3.6),
                    Some(3.5),
                    Some(3.3),
                    Some(3.4),
                    Some(3.6),
                ],
            ),
            series(
                "Sales",
                &[
                    Some(3.1),
                    Some(2.8),
                    Some(2.7),
                    Some(2.9),
                    Some(2.6),
                    Some(2.8),
                    Some(3.0),
                    Some(2.9),
                    Some(3.1),
                    Some(3.0),
                    Some(3.2),
                    Some(3.3),
                ],
            ),
        ]
    }

    /// Checks the bytes are a PNG of the given size and returns the decoded image.
    fn decode(png: &[u8], width: u32, height: u32) -> image::RgbImage {
        assert!(png.starts_with(&PNG_SIGNATURE), "not a PNG signature");
        let image = image::load_from_memory(png).expect("the PNG decodes");
        assert_eq!((image.width(), image.height()), (width, height));
        image.to_rgb8()
    }

    /// Whether any pixel is close to `colour`, which shows something of that series was drawn.
    fn has_colour(image: &image::RgbImage, colour: RGBColor) -> bool {
        image.pixels().any(|p| {
            let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).abs();
            d(p[0], colour.0) + d(p[1], colour.1) + d(p[2], colour.2) < 12
        })
    }

    /// How many pixels are dark enough to be text.
    fn dark_pixels(image: &image::RgbImage) -> usize {
        image
            .pixels()
            .filter(|p| p.0.iter().all(|&c| c < 110))
            .count()
    }

    #[test]
    fn png_has_signature_and_requested_size() {
        let rounds = weeks(37, 12);
        let data = sample_series();
        let chart = EngagementChart {
            title: "Engagement by team",
            y_label: "Average score (1–5)",
            round_labels: &rounds,
            series: &data,
            y_range: (1.0, 5.0),
        };
        for (w, h) in [(800, 450), (640, 360), (1200, 675), (320, 200)] {
            let png = render_png(&chart, w, h).expect("renders");
            let image = decode(&png, w, h);
            for index in 0..data.len() {
                assert!(
                    has_colour(&image, colour_for(index)),
                    "series {index} at {w}x{h}"
                );
            }
        }
    }

    #[test]
    fn gaps_do_not_panic_and_all_hidden_draws_no_line() {
        let rounds = weeks(1, 5);
        let data = vec![
            series("Gappy", &[None, Some(2.0), None, Some(4.0), None]),
            series("Hidden", &[None; 5]),
            series("Short", &[Some(3.0)]),
            series(
                "Odd values",
                &[
                    Some(f64::NAN),
                    Some(5.0),
                    Some(1.0),
                    Some(f64::INFINITY),
                    Some(3.0),
                ],
            ),
        ];
        let chart = EngagementChart {
            title: "Gaps",
            y_label: "Score",
            round_labels: &rounds,
            series: &data,
            y_range: (1.0, 5.0),
        };
        let png = render_png(&chart, 640, 360).expect("renders");
        decode(&png, 640, 360);
    }

    #[test]
    fn gaps_split_lines_instead_of_dropping_to_zero() {
        let values = [Some(1.0), Some(2.0), None, Some(f64::NAN), Some(3.0), None];
        assert_eq!(
            runs(&values),
            vec![vec![(0.0, 1.0), (1.0, 2.0)], vec![(4.0, 3.0)]]
        );
        assert_eq!(points(&values).count(), 3);
    }

    #[test]
    fn empty_chart_and_single_round_do_not_panic() {
        let none: Vec<String> = Vec::new();
        let empty = EngagementChart {
            title: "Nothing yet",
            y_label: "Score",
            round_labels: &none,
            series: &[],
            y_range: (1.0, 5.0),
        };
        decode(&render_png(&empty, 640, 360).expect("renders"), 640, 360);

        let empty_series = [series("Team", &[])];
        let no_values = EngagementChart {
            series: &empty_series,
            ..empty
        };
        decode(
            &render_png(&no_values, 640, 360).expect("renders"),
            640,
            360,
        );

        let one = weeks(37, 1);
        let single = [series("Team", &[Some(3.5)]), series("Other", &[None])];
        let chart = EngagementChart {
            title: "First round",
            y_label: "Score",
            round_labels: &one,
            series: &single,
            y_range: (1.0, 5.0),
        };
        let image = decode(&render_png(&chart, 640, 360).expect("renders"), 640, 360);
        assert!(
            has_colour(&image, colour_for(0)),
            "the single point is drawn"
        );
    }

    #[test]
    fn non_latin_labels_render() {
        let rounds = weeks(37, 4);
        let plain = [series(
            "Team",
            &[Some(3.0), Some(3.5), Some(3.2), Some(3.8)],
        )];
        let base = EngagementChart {
            title: "",
            y_label: "",
            round_labels: &rounds,
            series: &plain,
            y_range: (1.0, 5.0),
        };
        let without = dark_pixels(&decode(
            &render_png(&base, 640, 360).expect("renders"),
            640,
            360,
        ));

        let greek = [series(
            "Δέσμευση",
            &[Some(3.0), Some(3.5), Some(3.2), Some(3.8)],
        )];
        let chart = EngagementChart {
            title: "Zaangażowanie zespołu — Δέσμευση",
            y_label: "Średnia (1–5)",
            series: &greek,
            ..base
        };
        let with = dark_pixels(&decode(
            &render_png(&chart, 640, 360).expect("renders"),
            640,
            360,
        ));
        assert!(
            with > without + 500,
            "title and labels add ink: {without} -> {with}"
        );
    }

    #[test]
    fn long_text_is_shortened_to_fit() {
        let rounds = weeks(37, 3);
        let long = "Zaangażowanie ".repeat(20);
        let data = [series(&long, &[Some(3.0), Some(3.1), Some(3.2)])];
        let chart = EngagementChart {
            title: &long,
            y_label: "Score",
            round_labels: &rounds,
            series: &data,
            y_range: (1.0, 5.0),
        };
        decode(&render_png(&chart, 400, 250).expect("renders"), 400, 250);
    }

    #[test]
    fn bad_inputs_are_errors_not_panics() {
        let rounds = weeks(37, 2);
        let data = [series("Team", &[Some(3.0), Some(3.1), Some(3.2)])];
        let chart = EngagementChart {
            title: "T",
            y_label: "Y",
            round_labels: &rounds,
            series: &[],
            y_range: (1.0, 5.0),
        };
        assert!(matches!(
            render_png(&chart, 10, 10),
            Err(ChartError::InvalidSize { .. })
        ));
        assert!(matches!(
            render_png(&chart, 5000, 400),
            Err(ChartError::InvalidSize { .. })
        ));
        let flat = EngagementChart {
            y_range: (3.0, 3.0),
            ..chart
        };
        assert!(matches!(
            render_png(&flat, 640, 360),
            Err(ChartError::InvalidRange { .. })
        ));
        let nan = EngagementChart {
            y_range: (f64::NAN, 5.0),
            ..chart
        };
        assert!(matches!(
            render_png(&nan, 640, 360),
            Err(ChartError::InvalidRange { .. })
        ));
        let outside = [series("Team", &[Some(3.0), Some(5.5)])];
        let out_of_range = EngagementChart {
            series: &outside,
            ..chart
        };
        assert!(matches!(
            render_png(&out_of_range, 640, 360),
            Err(ChartError::OutOfRange { round: 1, .. })
        ));
        let too_many = EngagementChart {
            series: &data,
            ..chart
        };
        assert!(matches!(
            render_png(&too_many, 640, 360),
            Err(ChartError::TooManyValues {
                values: 3,
                rounds: 2,
                ..
            })
        ));
    }

    #[test]
    fn round_labels_thin_out_but_keep_the_latest() {
        assert_eq!(labelled_rounds(0, 1000, 50), Vec::<f64>::new());
        assert_eq!(labelled_rounds(3, 1000, 50), vec![0.0, 1.0, 2.0]);
        assert_eq!(labelled_rounds(12, 600, 50).len(), 12);
        let thinned = labelled_rounds(40, 600, 50);
        assert!(thinned.len() < 40);
        assert_eq!(thinned.last(), Some(&39.0));
        assert_eq!(round_label(&weeks(37, 2), 1.0), "W38");
        assert_eq!(round_label(&weeks(37, 2), 0.5), "");
        assert_eq!(round_label(&weeks(37, 2), 7.0), "");
    }

    #[test]
    fn tick_values_drop_trailing_zeros() {
        assert_eq!(tick_value(3.0), "3");
        assert_eq!(tick_value(3.5), "3.5");
        assert_eq!(tick_value(-0.0), "0");
    }

    /// Writes a sample chart for a person to look at:
    /// `cargo test --lib chart::tests::write_sample -- --nocapture` prints where they went.
    #[test]
    fn write_sample() {
        let rounds = weeks(37, 12);
        let data = sample_series();
        let chart = EngagementChart {
            title: "Engagement by team — last 12 weeks",
            y_label: "Average score (1–5)",
            round_labels: &rounds,
            series: &data,
            y_range: (1.0, 5.0),
        };
        let (w, h) = std::env::var("CHART_SIZE")
            .ok()
            .and_then(|s| {
                let (w, h) = s.split_once('x')?;
                Some((w.parse().ok()?, h.parse().ok()?))
            })
            .unwrap_or((800, 450));
        let dir = std::env::temp_dir();
        let write = |name: &str, chart: &EngagementChart<'_>| {
            let png = render_png(chart, w, h).expect("renders");
            let path = dir.join(name);
            std::fs::write(&path, png).expect("writes the sample");
            println!("wrote {}", path.display());
        };
        write("chart-sample.png", &chart);

        let first = weeks(37, 1);
        let single = [series("Δέσμευση", &[Some(3.7)]), series("Hidden", &[None])];
        let one_round = EngagementChart {
            title: "Πρώτος γύρος",
            round_labels: &first,
            series: &single,
            ..chart
        };
        write("chart-sample-single.png", &one_round);
        let empty = EngagementChart {
            round_labels: &[],
            series: &[],
            ..chart
        };
        write("chart-sample-empty.png", &empty);

        let five = weeks(1, 5);
        let odd = [
            series("Gaps", &[None, Some(2.0), None, Some(4.0), Some(3.5)]),
            series(
                "At the ends",
                &[Some(1.0), Some(5.0), Some(3.0), Some(f64::NAN), Some(2.5)],
            ),
        ];
        let gaps = EngagementChart {
            title: "Gaps and values at the ends of the range",
            round_labels: &five,
            series: &odd,
            ..chart
        };
        write("chart-sample-gaps.png", &gaps);
    }
}
