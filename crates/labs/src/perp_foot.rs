//! Foot of the perpendicular from a point to a line, in 2D or 3D.
//!
//! Projection: with `u = b - a`, `t = (c - a)·u / (u·u)` and `d = a + t u`.
//! `d` lies on the segment `ab` iff `0 <= t <= 1`. The report's route
//! (cos θ between `ab` and `ac`, then `|ad| = |ac| cos θ`, then walk along
//! `ab`) is computed beside it: it agrees only if `cos θ` keeps its sign,
//! and it needs two square roots the projection avoids.

use super::{InputError, Problem};
use crate::inputs::{Defaults, Fields, LabInputs};

/// Everything the lab shows for one `(a, b, c)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Foot {
    /// The foot `d`, same dimension as the inputs.
    pub d: Vec<f64>,
    /// Position along the line: `d = a + t (b - a)`.
    pub t: f64,
    /// `|c - d|`, the distance from `c` to the line (not to the segment).
    pub distance: f64,
    /// Whether `0 <= t <= 1`.
    pub on_segment: bool,
    /// The report's cosine route with a signed `|ad|`; `None` when `c == a`
    /// (the angle is undefined there, though the foot is simply `a`).
    pub cosine_route: Option<Vec<f64>>,
    /// The cosine route as the report writes it, with `|ad|` as a length
    /// (sign lost); wrong whenever the angle at `a` is obtuse.
    pub cosine_route_unsigned: Option<Vec<f64>>,
}

fn dot(x: &[f64], y: &[f64]) -> f64 {
    x.iter().zip(y).map(|(p, q)| p * q).sum()
}

/// Computes the foot of the perpendicular from `c` to the line through `a`, `b`.
///
/// Inputs must be finite and all of dimension 2 or 3. When `|b - a|` is
/// zero or below `1e-12` times the points' scale the line is undefined:
/// an error on field `b`. Rounding: `t` and `d` carry a few ULPs of error
/// from the dot products; nothing overflows for inputs below about 1e150.
pub fn perpendicular_foot(a: &[f64], b: &[f64], c: &[f64]) -> Result<Foot, InputError> {
    let n = a.len();
    if !(2..=3).contains(&n) {
        return Err(InputError::new("a", Problem::PointDims));
    }
    for (name, p) in [("b", b), ("c", c)] {
        if p.len() != n {
            return Err(InputError::new(
                name,
                Problem::DimsDiffer {
                    dims: n,
                    len: p.len(),
                },
            ));
        }
    }
    let u: Vec<f64> = b.iter().zip(a).map(|(p, q)| p - q).collect();
    let w: Vec<f64> = c.iter().zip(a).map(|(p, q)| p - q).collect();
    let uu = dot(&u, &u);
    let scale = a
        .iter()
        .chain(b)
        .chain(c)
        .fold(1.0f64, |m, v| m.max(v.abs()));
    if uu.sqrt() <= 1e-12 * scale {
        return Err(InputError::new("b", Problem::SamePoint));
    }
    let t = dot(&w, &u) / uu;
    let d: Vec<f64> = a.iter().zip(&u).map(|(p, q)| p + t * q).collect();
    let distance = c
        .iter()
        .zip(&d)
        .map(|(p, q)| (p - q) * (p - q))
        .sum::<f64>()
        .sqrt();
    let ww = dot(&w, &w);
    let (cosine_route, cosine_route_unsigned) = if ww == 0.0 {
        (None, None)
    } else {
        let (len_u, len_w) = (uu.sqrt(), ww.sqrt());
        let cos = dot(&u, &w) / (len_u * len_w);
        let along = |ad: f64| {
            a.iter()
                .zip(&u)
                .map(|(p, q)| p + ad * q / len_u)
                .collect::<Vec<f64>>()
        };
        (Some(along(len_w * cos)), Some(along((len_w * cos).abs())))
    };
    Ok(Foot {
        d,
        t,
        distance,
        on_segment: (0.0..=1.0).contains(&t),
        cosine_route,
        cosine_route_unsigned,
    })
}

/// The 2D figure's SVG user-space box `(min_x, min_y, width, height)`, in
/// data coordinates.
pub type ViewBox = (f64, f64, f64, f64);

/// The square view that fits the points, centred, with a fifth of the
/// points' extent free on each side (and a span of at least 1.4).
pub fn view_box(points: &[&[f64]]) -> ViewBox {
    let xs = points.iter().map(|p| p[0]);
    let ys = points.iter().map(|p| p[1]);
    let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v), h.max(v)));
    let (y0, y1) = ys.fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v), h.max(v)));
    let span = (x1 - x0).max(y1 - y0).max(1.0) * 1.4;
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    (cx - span / 2.0, cy - span / 2.0, span, span)
}

/// The view to draw in: `prev` (the view drawn last) while it still holds
/// every point with a margin and is at most 2.5 times the fitted view's
/// size, else the fitted view. The figure then stays put while a point
/// moves inside it (a typed coordinate, the end of a drag), instead of
/// zooming on every edit, and refits when a point leaves or the points
/// shrink far inside it.
pub fn stable_view(prev: Option<ViewBox>, points: &[&[f64]]) -> ViewBox {
    let fit = view_box(points);
    let Some((x0, y0, w, h)) = prev else {
        return fit;
    };
    let margin = w * 0.05;
    let inside = points.iter().all(|p| {
        p[0] >= x0 + margin
            && p[0] <= x0 + w - margin
            && p[1] >= y0 + margin
            && p[1] <= y0 + h - margin
    });
    if inside && w <= fit.2 * 2.5 {
        (x0, y0, w, h)
    } else {
        fit
    }
}

/// The lab's inputs: points `a` and `b` on the line, and `c`.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    pub c: Vec<f64>,
}

impl LabInputs for Inputs {
    const DEFAULTS: Defaults = &[("a", "1,1"), ("b", "7,4"), ("c", "2,6")];

    fn read(f: &mut Fields) -> Option<Self> {
        let [a, b, c] = ["a", "b", "c"].map(|k| f.vector(k));
        Some(Inputs {
            a: a?,
            b: b?,
            c: c?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;

    const EPS: f64 = 1e-12;

    fn close(x: &[f64], y: &[f64]) -> bool {
        x.iter()
            .zip(y)
            .all(|(p, q)| (p - q).abs() <= EPS * (1.0 + q.abs()))
    }

    #[test]
    fn bank_example_foot_is_3_8_2_4() {
        // a=(1,1), b=(7,4), c=(2,6): u=(6,3), w=(1,5), t=21/45, d=(3.8, 2.4).
        let f = perpendicular_foot(&[1.0, 1.0], &[7.0, 4.0], &[2.0, 6.0]).unwrap();
        assert!(close(&f.d, &[3.8, 2.4]), "{:?}", f.d);
        assert!((f.t - 21.0 / 45.0).abs() < EPS);
        assert!(f.on_segment);
        assert!((f.distance - (1.8f64 * 1.8 + 3.6 * 3.6).sqrt()).abs() < EPS);
    }

    #[test]
    fn obtuse_angle_gives_negative_t_and_the_unsigned_report_route_is_wrong() {
        let f = perpendicular_foot(&[1.0, 1.0], &[7.0, 4.0], &[-1.0, 2.0]).unwrap();
        assert!((f.t + 0.2).abs() < EPS);
        assert!(!f.on_segment);
        assert!(close(f.cosine_route.as_ref().unwrap(), &f.d));
        assert!(!close(f.cosine_route_unsigned.as_ref().unwrap(), &f.d));
    }

    #[test]
    fn residual_is_orthogonal_to_the_line_in_3d() {
        let (a, b, c) = ([0.5, -2.0, 3.0], [4.0, 1.0, -1.0], [2.0, 7.0, 0.25]);
        let f = perpendicular_foot(&a, &b, &c).unwrap();
        let u: Vec<f64> = b.iter().zip(&a).map(|(p, q)| p - q).collect();
        let r: Vec<f64> = c.iter().zip(&f.d).map(|(p, q)| p - q).collect();
        assert!(dot(&u, &r).abs() < 1e-12 * dot(&u, &u).sqrt() * dot(&r, &r).sqrt());
    }

    #[test]
    fn point_on_the_line_is_its_own_foot() {
        let f = perpendicular_foot(&[0.0, 0.0], &[2.0, 2.0], &[5.0, 5.0]).unwrap();
        assert!(close(&f.d, &[5.0, 5.0]));
        assert_eq!(f.distance, 0.0);
        assert!((f.t - 2.5).abs() < EPS);
    }

    #[test]
    fn c_equal_to_a_has_no_angle_but_a_foot() {
        let f = perpendicular_foot(&[1.0, 2.0], &[3.0, 2.0], &[1.0, 2.0]).unwrap();
        assert_eq!(f.d, vec![1.0, 2.0]);
        assert_eq!(f.cosine_route, None);
    }

    #[test]
    fn coincident_or_nearly_coincident_a_and_b_are_an_error_on_b() {
        for b in [[1.0, 1.0], [1.0 + 1e-14, 1.0]] {
            let e = perpendicular_foot(&[1.0, 1.0], &b, &[0.0, 3.0]).unwrap_err();
            assert_eq!(e.field, "b");
            assert_eq!(e.problem, Problem::SamePoint);
        }
    }

    #[test]
    fn mismatched_or_unsupported_dimensions_are_errors() {
        assert_eq!(
            perpendicular_foot(&[1.0, 1.0], &[1.0, 2.0, 3.0], &[0.0, 0.0])
                .unwrap_err()
                .field,
            "b"
        );
        assert_eq!(
            perpendicular_foot(&[1.0], &[2.0], &[3.0])
                .unwrap_err()
                .field,
            "a"
        );
    }

    #[test]
    fn the_view_stays_while_the_points_fit_and_refits_when_they_do_not() {
        let (a, b, c, d) = ([1.0, 1.0], [7.0, 4.0], [2.0, 6.0], [3.8, 2.4]);
        let fit = view_box(&[&a, &b, &c, &d]);
        assert_eq!(stable_view(None, &[&a, &b, &c, &d]), fit);
        // c moves a little: the same view.
        let c2 = [2.5, 5.5];
        assert_eq!(stable_view(Some(fit), &[&a, &b, &c2, &d]), fit);
        // c leaves the view: refit, and the new view holds it.
        let far = [30.0, 6.0];
        let v = stable_view(Some(fit), &[&a, &b, &far, &d]);
        assert_ne!(v, fit);
        assert!(v.0 < far[0] && far[0] < v.0 + v.2);
        // The points shrink far inside (a view over 2.5 times the fit): refit.
        let small: [&[f64]; 4] = [&[1.0, 1.0], &[1.2, 1.0], &[1.1, 1.1], &[1.1, 1.0]];
        assert_eq!(stable_view(Some(v), &small), view_box(&small));
        // Within the margin of an edge counts as outside.
        let edge = [fit.0 + fit.2 * 0.01, 3.0];
        assert_ne!(stable_view(Some(fit), &[&a, &b, &edge, &d]), fit);
    }

    #[test]
    fn inputs_parse_defaults_and_the_query_and_name_bad_fields() {
        let i = Inputs::parse(&Query::parse("c=(0,1,2)")).unwrap();
        assert_eq!(
            (i.a, i.b, i.c),
            (vec![1.0, 1.0], vec![7.0, 4.0], vec![0.0, 1.0, 2.0])
        );
        let e = Inputs::parse(&Query::parse("a=&b=1,x")).unwrap_err();
        assert_eq!(
            crate::inputs::problems(&e),
            [
                ("a", Problem::NoNumbers),
                ("b", Problem::NotFinite { text: "x".into() })
            ]
        );
    }
}
