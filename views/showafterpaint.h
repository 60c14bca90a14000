#pragma once
// Shows a hidden widget one turn of the event loop after another widget has painted, so that
// the two first paints come as two events of the window's thread instead of one. The charts'
// first paint lays out every axis label and draws the glyphs of a fresh chart (7 ms of that
// thread's CPU for the latency and rate charts, opening 5 GB); inside the window's first
// paint of a deployment it made one event of 17 ms of CPU, 31 ms of wall time while the
// readers held the cores. For that turn the place of the hidden widget shows its parent's
// background.
//
// The reveal waits for `painted`'s paint rather than for a timer: the window's update request
// is a low-priority posted event, which a zero timer or a queued call would overtake.

class QWidget;

namespace vigil {

// `hidden` is hidden now and shown a turn after `painted` next paints: in a dock the user
// closed, once the dock is opened again.
void showAfterPaintOf(QWidget* hidden, QWidget* painted);

} // namespace vigil
