//! Charts of the HTML report as inline SVG, made here so the page needs no chart
//! library and prints them as they are: the completeness histogram and horizontal
//! bar charts (missing sections by role, slots by kind).
//!
//! Colours are CSS classes (`bar`, `axis`, `grid`, `value`) that the page's styles
//! set for the screen and for print; every bar carries its number as text and in a
//! `<title>`, so the chart reads without colour too. An empty chart is an empty string.

use std::fmt::Write as _;

use super::escape;
use crate::corpus::summary::Bin;

/// Width of every chart (its viewBox; the page scales it).
const WIDTH: f64 = 480.0;

/// The smallest of 1, 2, 5 × 10ⁿ at or above `max` (at least 1).
fn nice_ceiling(max: u64) -> u64 {
    let mut step = 1u64;
    loop {
        for m in [1, 2, 5] {
            let v = step.saturating_mul(m);
            if v >= max {
                return v;
            }
        }
        if step > u64::MAX / 10 {
            return max;
        }
        step *= 10;
    }
}

/// Rough width of `s` at the charts' 14px: ideographs and full-width marks twice a
/// Latin letter.
fn text_width(s: &str) -> f64 {
    s.chars()
        .map(|c| if (c as u32) < 0x2E80 { 8.0 } else { 14.5 })
        .sum()
}

/// The completeness histogram: a column per bin, its count above it, the score
/// range below (empty when no document has a score).
pub fn histogram(bins: &[Bin], x_label: &str, y_label: &str) -> String {
    let max = bins.iter().map(|b| b.documents).max().unwrap_or(0);
    if max == 0 {
        return String::new();
    }
    let (left, right, top, bottom) = (66.0, 16.0, 20.0, 46.0);
    let height = 240.0;
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    // Counts are whole: the grid steps by a whole 1, 2, 5 × 10ⁿ, at most 5 steps.
    let step = nice_ceiling(max.div_ceil(5));
    let steps = max.div_ceil(step).max(1);
    let ceiling = (step * steps) as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart-svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(x_label)
    );
    for i in 0..=steps {
        let v = (step * i) as f64;
        let y = top + plot_h - plot_h * v / ceiling;
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>\
             <text class=\"tick\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            WIDTH - right,
            left - 6.0,
            y + 4.0,
            step * i
        );
    }
    let slot = plot_w / bins.len() as f64;
    for (i, b) in bins.iter().enumerate() {
        let h = plot_h * b.documents as f64 / ceiling;
        let x = left + slot * i as f64;
        let y = top + plot_h - h;
        let _ = write!(
            s,
            "<g class=\"bin\" data-from=\"{}\" data-count=\"{}\"><title>{:.1}–{:.1}: {}</title>\
             <rect class=\"bar\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\"/>",
            b.from,
            b.documents,
            b.from,
            b.to,
            b.documents,
            x + 2.0,
            slot - 4.0
        );
        if b.documents > 0 {
            let _ = write!(
                s,
                "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x + slot / 2.0,
                y - 4.0,
                b.documents
            );
        }
        s.push_str("</g>");
        let _ = write!(
            s,
            "<text class=\"tick\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{:.1}</text>",
            top + plot_h + 18.0,
            b.from
        );
    }
    if let Some(last) = bins.last() {
        let _ = write!(
            s,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{:.1}</text>",
            left + plot_w,
            top + plot_h + 18.0,
            last.to
        );
    }
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{left}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\"/>\
         <text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\
         <text class=\"label\" x=\"12\" y=\"{:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 12 {:.1})\">{}</text></svg>",
        WIDTH - right,
        top + plot_h,
        top + plot_h,
        left + plot_w / 2.0,
        height - 6.0,
        escape(x_label),
        top + plot_h / 2.0,
        top + plot_h / 2.0,
        escape(y_label)
    );
    s
}

/// A horizontal bar per item: its label, the bar, its count (empty when there is no
/// item or every count is 0).
pub fn bars(items: &[(String, u64)]) -> String {
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0);
    if max == 0 {
        return String::new();
    }
    let row = 26.0;
    let label_w = items
        .iter()
        .map(|(l, _)| text_width(l))
        .fold(0.0, f64::max)
        .clamp(40.0, 220.0)
        + 10.0;
    let value_w = 64.0;
    let bar_w = WIDTH - label_w - value_w;
    let height = row * items.len() as f64 + 8.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart-svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\">"
    );
    for (i, (label, n)) in items.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        let w = (bar_w * *n as f64 / max as f64).max(if *n > 0 { 1.0 } else { 0.0 });
        let _ = write!(
            s,
            "<g class=\"item\" data-count=\"{n}\"><title>{}: {n}</title>\
             <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <rect class=\"bar\" x=\"{label_w:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\"/>\
             <text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{n}</text></g>",
            escape(label),
            label_w - 8.0,
            y + row / 2.0 + 4.0,
            escape(label),
            y + 3.0,
            row - 6.0,
            label_w + w + 6.0,
            y + row / 2.0 + 4.0,
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ceilings() {
        for (max, want) in [
            (0, 1),
            (1, 1),
            (3, 5),
            (7, 10),
            (10, 10),
            (11, 20),
            (4321, 5000),
        ] {
            assert_eq!(nice_ceiling(max), want, "{max}");
        }
    }

    #[test]
    fn a_histogram_has_a_column_and_a_count_per_bin() {
        let bins: Vec<Bin> = (0..10)
            .map(|i| Bin {
                from: f64::from(i) / 10.0,
                to: f64::from(i + 1) / 10.0,
                documents: u64::from(i as u32 % 3),
            })
            .collect();
        let svg = histogram(&bins, "score <x>", "documents");
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 10);
        assert_eq!(svg.matches("data-count=\"2\"").count(), 3);
        assert!(svg.contains("score &lt;x&gt;"), "{svg}");
        // Whole ticks 0, 1, 2 for counts up to 2.
        assert_eq!(svg.matches("<line class=\"grid\"").count(), 3);
        assert!(svg.contains("text-anchor=\"end\">2</text>"), "{svg}");
        assert!(!svg.contains("end\">0.5</text>"), "{svg}");
        assert!(!svg.contains("end\">1.5</text>"), "{svg}");
        assert!(!svg.contains("<x>"));
        let empty: Vec<Bin> = bins
            .iter()
            .map(|b| Bin {
                documents: 0,
                ..b.clone()
            })
            .collect();
        assert_eq!(histogram(&empty, "x", "y"), "");
    }

    #[test]
    fn bars_scale_to_the_largest_and_escape_labels() {
        let svg = bars(&[("存在问题".into(), 10), ("<b>plans</b>".into(), 5)]);
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 2);
        assert!(svg.contains("&lt;b&gt;plans&lt;/b&gt;"));
        assert!(!svg.contains("<b>"));
        assert_eq!(bars(&[]), "");
        assert_eq!(bars(&[("a".into(), 0)]), "");
    }
}
