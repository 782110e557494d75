//! When a lab's large secondary output (a matrix, a table of steps, a
//! costly check such as conv-matmul's GEMM against direct convolution) follows
//! its inputs. A single edit updates the main result in its own frame and
//! the large parts in the frame after, so that neither frame has all of the
//! lab to lay out and paint. During a burst of edits (a dragged point, a held
//! arrow key, fast typing) only the main result follows every edit; the
//! large parts wait until the burst pauses. The UI side is
//! `ui::labs::Settled`.

/// Edits closer together than this (ms) form a burst, and a burst ends
/// this long after its last edit.
pub const BURST_MS: f64 = 100.0;

/// What to do with an edit of the inputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Edit {
    /// Show the new value in the next frame (the edit's own frame draws
    /// the main result).
    NextFrame,
    /// Keep showing the old value, and show the latest one after this many
    /// ms without another edit.
    After(f64),
}

/// The time of the last edit, in ms on any clock that does not go back
/// often (a clock that goes back just ends the burst).
#[derive(Debug, Default, Clone)]
pub struct Settle {
    last: Option<f64>,
}

impl Settle {
    /// Records an edit at `now` and says when its value should be shown.
    pub fn edit(&mut self, now: f64) -> Edit {
        let in_burst = self.last.is_some_and(|t| now >= t && now - t < BURST_MS);
        self.last = Some(now);
        if in_burst {
            Edit::After(BURST_MS)
        } else {
            Edit::NextFrame
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_edit_shows_in_the_next_frame() {
        let mut s = Settle::default();
        assert_eq!(s.edit(1000.0), Edit::NextFrame);
        // Typing at a normal pace: each key well apart.
        assert_eq!(s.edit(1250.0), Edit::NextFrame);
        assert_eq!(s.edit(1250.0 + BURST_MS), Edit::NextFrame);
    }

    #[test]
    fn a_drag_waits_from_its_second_edit_until_it_pauses() {
        let mut s = Settle::default();
        // 60 Hz: the first edit shows in the next frame, the rest wait.
        assert_eq!(s.edit(0.0), Edit::NextFrame);
        for k in 1..60 {
            assert_eq!(s.edit(k as f64 * 16.7), Edit::After(BURST_MS), "edit {k}");
        }
        // After a pause, the next edit starts afresh.
        assert_eq!(s.edit(59.0 * 16.7 + BURST_MS + 1.0), Edit::NextFrame);
    }

    #[test]
    fn a_clock_that_goes_back_ends_the_burst() {
        let mut s = Settle::default();
        assert_eq!(s.edit(5000.0), Edit::NextFrame);
        assert_eq!(s.edit(4990.0), Edit::NextFrame);
        assert_eq!(s.edit(5000.0), Edit::After(BURST_MS));
    }
}
