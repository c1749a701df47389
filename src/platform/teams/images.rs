//! Fitting pictures into a Teams card.
//!
//! Teams refuses a message over about 28 KB, and a card can carry a picture only inline (a
//! `data:` URL) unless the bot hosts it somewhere public. The digest's chart is 20 to 40 KB as
//! drawn (over 100 KB for a busy one), so before a card is rendered each picture over
//! [`render::IMAGE_INLINE_MAX_BYTES`] is encoded again with the strongest compression, then as a
//! palette of its 256 commonest colours, scaled down step by step (a chart stays readable down
//! to about 400 pixels wide). One that fits nowhere is left
//! to [`render::card`], which shows its alt text.

use std::borrow::Cow;

use image::ImageEncoder as _;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;

use super::render;
use crate::core::message::{Block, Image, Message};

/// The widths tried, largest first, after the picture's own.
const WIDTHS: [u32; 5] = [640, 560, 480, 400, 360];

/// The message with every picture small enough to inline; borrowed when nothing changes.
pub fn fit(message: &Message) -> Cow<'_, Message> {
    let too_big =
        |b: &Block| matches!(b, Block::Image(i) if i.png.len() > render::IMAGE_INLINE_MAX_BYTES);
    if !message.blocks.iter().any(too_big) {
        return Cow::Borrowed(message);
    }
    let mut fitted = message.clone();
    for block in &mut fitted.blocks {
        if let Block::Image(image) = block
            && image.png.len() > render::IMAGE_INLINE_MAX_BYTES
            && let Some(png) = shrink(image, render::IMAGE_INLINE_MAX_BYTES)
        {
            image.png = png;
        }
    }
    Cow::Owned(fitted)
}

/// The picture as a PNG of at most `limit` bytes, or `None` when even the smallest width is
/// too big (or the bytes are no picture).
pub fn shrink(image: &Image, limit: usize) -> Option<Vec<u8>> {
    let decoded = image::load_from_memory(&image.png).ok()?.to_rgb8();
    let (width, height) = decoded.dimensions();
    let widths = std::iter::once(width).chain(WIDTHS.into_iter().filter(|w| *w < width));
    for w in widths {
        let h = (u64::from(height) * u64::from(w) / u64::from(width.max(1))).max(1) as u32;
        let scaled = if w == width {
            decoded.clone()
        } else {
            image::imageops::resize(&decoded, w, h, FilterType::Triangle)
        };
        let mut png = Vec::new();
        PngEncoder::new_with_quality(&mut png, CompressionType::Best, PngFilter::Adaptive)
            .write_image(scaled.as_raw(), w, h, image::ColorType::Rgb8)
            .ok()?;
        if png.len() > limit {
            // Antialiased lines make thousands of nearly equal colours, which PNG cannot
            // compress; a chart drawn with its 256 commonest colours looks the same and is a
            // third of the size.
            png = palette_png(&scaled)?;
        }
        tracing::debug!(
            width = w,
            bytes = png.len(),
            "a picture re-encoded for a card"
        );
        if png.len() <= limit {
            return Some(png);
        }
    }
    None
}

/// The picture as an 8-bit palette PNG of its 256 commonest colours (after rounding each
/// channel to 16 shades), every other colour drawn as its nearest.
fn palette_png(image: &image::RgbImage) -> Option<Vec<u8>> {
    use std::collections::HashMap;
    let shade = |c: u8| ((u16::from(c) + 8) / 17 * 17).min(255) as u8;
    let rounded: Vec<[u8; 3]> = image
        .pixels()
        .map(|p| [shade(p[0]), shade(p[1]), shade(p[2])])
        .collect();
    let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
    for colour in &rounded {
        *counts.entry(*colour).or_default() += 1;
    }
    let mut by_count: Vec<([u8; 3], usize)> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let palette: Vec<[u8; 3]> = by_count.iter().take(256).map(|(c, _)| *c).collect();
    let distance = |a: &[u8; 3], b: &[u8; 3]| -> u32 {
        a.iter()
            .zip(b)
            .map(|(x, y)| (i32::from(*x) - i32::from(*y)).unsigned_abs().pow(2))
            .sum()
    };
    let mut index_of: HashMap<[u8; 3], u8> = HashMap::new();
    for (i, colour) in palette.iter().enumerate() {
        index_of.insert(*colour, u8::try_from(i).ok()?);
    }
    let mut indices = Vec::with_capacity(rounded.len());
    for colour in &rounded {
        let index = match index_of.get(colour) {
            Some(i) => *i,
            None => {
                let nearest = palette
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, p)| distance(p, colour))
                    .map(|(i, _)| u8::try_from(i).unwrap_or(0))?;
                index_of.insert(*colour, nearest);
                nearest
            }
        };
        indices.push(index);
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, image.width(), image.height());
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_palette(palette.concat());
        encoder.set_compression(png::Compression::Best);
        encoder.set_filter(png::FilterType::NoFilter);
        let mut writer = encoder.write_header().ok()?;
        writer.write_image_data(&indices).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::message::{Message, RichText};

    /// A noisy picture, which compresses badly, of `side` × `side / 2` pixels.
    fn noisy(side: u32) -> Vec<u8> {
        let mut seed = 7u32;
        let image = image::RgbImage::from_fn(side, side / 2, |x, y| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let n = ((seed >> 16) & 0x3f) as u8;
            image::Rgb([(x % 256) as u8 ^ n, (y % 256) as u8, 200 - n])
        });
        let mut png = Vec::new();
        PngEncoder::new(&mut png)
            .write_image(image.as_raw(), side, side / 2, image::ColorType::Rgb8)
            .expect("encoded");
        png
    }

    fn with_image(png: Vec<u8>) -> Message {
        Message::public(vec![
            Block::Section(RichText::text("chart")),
            Block::Image(Image {
                alt: "chart".into(),
                file_name: "chart.png".into(),
                png,
            }),
        ])
    }

    #[test]
    fn a_small_picture_is_left_alone() {
        let message = with_image(noisy(40));
        assert!(matches!(fit(&message), Cow::Borrowed(_)));
    }

    #[test]
    fn a_big_picture_is_scaled_until_it_fits_or_left_out() {
        let big = noisy(800);
        assert!(big.len() > render::IMAGE_INLINE_MAX_BYTES);
        // Noise barely compresses: at 360 pixels it is still over the limit, so it stays as
        // it was and the card shows its alt text.
        let message = with_image(big.clone());
        let fitted = fit(&message);
        let Block::Image(image) = &fitted.blocks[1] else {
            panic!("the image block stays");
        };
        assert_eq!(image.png, big);
        // With room enough, the largest width that fits is chosen.
        let png = shrink(
            &Image {
                alt: String::new(),
                file_name: String::new(),
                png: big,
            },
            200 * 1024,
        )
        .expect("fits");
        let decoded = image::load_from_memory(&png).expect("a PNG");
        assert!(decoded.width() >= 360 && png.len() <= 200 * 1024);
    }

    #[test]
    fn the_digest_chart_fits_a_card() {
        // A busy chart: twelve rounds, six teams, every point drawn.
        let rounds: Vec<String> = (1..=12).map(|w| format!("W{w:02}")).collect();
        let series: Vec<crate::chart::ChartSeries> = (0..6)
            .map(|s| crate::chart::ChartSeries {
                label: format!("Team {s}"),
                values: (0..12)
                    .map(|i| Some(1.5 + f64::from((i * 7 + s * 5) % 11) * 0.3))
                    .collect(),
            })
            .collect();
        let chart = crate::chart::EngagementChart {
            title: "Engagement",
            y_label: "score",
            round_labels: &rounds,
            series: &series,
            y_range: (1.0, 5.0),
        };
        let png = crate::chart::render_png(&chart, 800, 400).expect("drawn");
        assert!(
            png.len() > render::IMAGE_INLINE_MAX_BYTES,
            "{} bytes as drawn",
            png.len()
        );
        let message = with_image(png);
        let fitted = fit(&message);
        let Block::Image(image) = &fitted.blocks[1] else {
            panic!("the image block stays");
        };
        assert!(image.png.len() <= render::IMAGE_INLINE_MAX_BYTES);
        assert!(render::images_left_out(&fitted).is_empty());
        let shown = image::load_from_memory(&image.png).expect("a PNG");
        assert!(shown.width() >= 400, "{} pixels wide", shown.width());
    }
}
