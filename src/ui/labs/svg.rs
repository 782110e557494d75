//! SVG path data for the labs' drawings: coordinates to a tenth, and
//! polylines that leave out what would not show.

/// Appends `v` rounded to a tenth, without a trailing `.0` (`-0.5`, `12`,
/// `3.4`): SVG coordinates in a drawing of 1000 units, where a tenth is far
/// below a pixel. Quicker than `{:.5}` on every frame of a drag. NaN and
/// values too large for the integer path are written as `{:.0}` gives them.
pub fn push_tenths(out: &mut String, v: f64) {
    use std::fmt::Write;
    let tenths = (v * 10.0).round();
    if tenths.abs() < 9e15 {
        let t = tenths as i64;
        if t < 0 && t > -10 {
            out.push('-');
        }
        let _ = write!(out, "{}", t / 10);
        if t % 10 != 0 {
            let _ = write!(out, ".{}", (t % 10).abs());
        }
    } else {
        let _ = write!(out, "{v:.0}");
    }
}

/// Writes the points of an SVG `polyline` (`x,y x,y …`, each to a tenth),
/// leaving out a point closer than `min_step` to the last one written, as
/// a segment shorter than a pixel draws nothing visible. The last point is
/// always written, so the line still ends where the data ends. A path that
/// converges piles up most of its steps at its end; dropping them saves the
/// browser parsing, laying out and painting them on every edit of a drag.
pub fn push_polyline(out: &mut String, pts: impl Iterator<Item = [f64; 2]>, min_step: f64) {
    let mut last: Option<[f64; 2]> = None;
    let mut pending: Option<[f64; 2]> = None;
    let write = |out: &mut String, p: [f64; 2]| {
        if !out.is_empty() {
            out.push(' ');
        }
        push_tenths(out, p[0]);
        out.push(',');
        push_tenths(out, p[1]);
    };
    for p in pts {
        match last {
            Some(l) if (p[0] - l[0]).hypot(p[1] - l[1]) < min_step => pending = Some(p),
            _ => {
                write(out, p);
                last = Some(p);
                pending = None;
            }
        }
    }
    if let Some(p) = pending {
        write(out, p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polylines_drop_steps_below_min_step_but_keep_the_end() {
        let line = |pts: &[[f64; 2]], min: f64| {
            let mut s = String::new();
            push_polyline(&mut s, pts.iter().copied(), min);
            s
        };
        assert_eq!(line(&[], 2.0), "");
        assert_eq!(line(&[[1.0, 2.0]], 2.0), "1,2");
        // 0.5 and 1.9 from the last written point are dropped; 2.0 is kept,
        // and so is the final point however close it is.
        assert_eq!(
            line(
                &[[0.0, 0.0], [0.5, 0.0], [0.0, 1.9], [2.0, 0.0], [2.1, 0.0]],
                2.0
            ),
            "0,0 2,0 2.1,0"
        );
        // The distance is measured from the last point written, so a slow
        // drift still shows up once it adds up to min_step.
        let drift: Vec<[f64; 2]> = (0..=10).map(|i| [i as f64 * 0.5, 0.0]).collect();
        assert_eq!(line(&drift, 2.0), "0,0 2,0 4,0 5,0");
        // With min_step 0 every point is written.
        assert_eq!(line(&drift[..3], 0.0), "0,0 0.5,0 1,0");
        // A converging spiral of 200 points: steps shrink below 1.5 units
        // once the radius is under 1.5 / 0.7 (about step 102), and from
        // there only a point every so often is written.
        let spiral: Vec<[f64; 2]> = (0..200)
            .map(|t| {
                let r = 400.0 * 0.95f64.powi(t);
                let a = t as f64 * 0.7;
                [500.0 + r * a.cos(), 500.0 + r * a.sin()]
            })
            .collect();
        let kept: Vec<[f64; 2]> = line(&spiral, 1.5)
            .split(' ')
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                [x.parse().unwrap(), y.parse().unwrap()]
            })
            .collect();
        assert!((100..120).contains(&kept.len()), "{} points", kept.len());
        // Written points are at least min_step apart (to the tenth they are
        // written with), except the final one.
        for w in kept[..kept.len() - 1].windows(2) {
            assert!((w[1][0] - w[0][0]).hypot(w[1][1] - w[0][1]) >= 1.5 - 0.15);
        }
        assert_eq!(kept[kept.len() - 1], [500.0, 500.0]);
    }

    #[test]
    fn tenths_for_svg_coordinates() {
        let f = |v: f64| {
            let mut s = String::new();
            push_tenths(&mut s, v);
            s
        };
        assert_eq!(f(0.0), "0");
        assert_eq!(f(-0.04), "0");
        assert_eq!(f(12.0), "12");
        assert_eq!(f(3.449), "3.4");
        assert_eq!(f(3.45), "3.5");
        assert_eq!(f(-0.5), "-0.5");
        assert_eq!(f(-12.36), "-12.4");
        assert_eq!(f(999.96), "1000");
        assert_eq!(f(-1e6), "-1000000");
        assert_eq!(f(2e17), "200000000000000000");
        // Whatever comes out parses back to within a twentieth.
        for &v in &[1.23456, -987.654, 0.05, -0.05, 499.95] {
            assert!(
                (f(v).parse::<f64>().unwrap() - v).abs() <= 0.05 + 1e-9,
                "{v}"
            );
        }
    }
}
