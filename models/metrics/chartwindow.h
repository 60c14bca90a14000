#pragma once
// The time windows the charts offer (5 min, 15 min, 1 h, 6 h, all) and where a window
// sits in time. Logs being written now get a live window that ends at the current time
// and scrolls with it; old logs (a post-mortem on yesterday's files) get a window that
// ends at their latest entry, or the charts would show an empty stretch of "now".

#include "metricsmodel.h"

#include <QString>

namespace vigil {

enum class ChartWindow { Minutes5, Minutes15, Hour1, Hours6, All };

constexpr ChartWindow kChartWindows[] = {ChartWindow::Minutes5, ChartWindow::Minutes15, ChartWindow::Hour1,
                                         ChartWindow::Hours6, ChartWindow::All};

// Data whose latest entry is at most this old is live.
constexpr std::int64_t kLiveToleranceUs = 5LL * 60 * 1000000;

QString chartWindowName(ChartWindow window);        // "5 min", ..., "All"
std::int64_t chartWindowSpanUs(ChartWindow window); // 0 for All

// How many buckets a window's lines may have: 1 s buckets for 5 min, 5 s for 15 min,
// 30 s for 1 h, 2 min for 6 h. Software rendering (no OpenGL) pays about a microsecond
// per point and series on every update, which is what bounds these.
int chartWindowMaxPoints(ChartWindow window);

bool isLive(const MetricsModel& metrics, std::int64_t nowUs);

// The narrowest window at least `spanUs` long (All when none is).
ChartWindow windowHolding(std::int64_t spanUs);

// The range a window covers now; empty when there is no data yet. A fixed window ends on
// a boundary of its buckets (the current bucket included), so a live window steps by one
// bucket at a time: its axis moves once per bucket instead of every second, and between
// steps an update only changes the newest points.
TimeRange chartRange(ChartWindow window, const MetricsModel& metrics, std::int64_t nowUs);

} // namespace vigil
