#include "chartspanel.h"

#include "views/insight/chartemphasis.h"

#include "endpointdock.h"
#include "instancepicker.h"
#include "latencychart.h"
#include "ratechart.h"
#include "volumechart.h"

#include "models/alerts/alertengine.h"
#include "models/endpointtablemodel.h"
#include "models/logtablemodel.h"
#include "models/secrets/safetext.h"
#include "models/secrets/secretmasker.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "models/metrics/timemath.h"

#include <time.h>

namespace vigil {

namespace {
double threadCpuMs(double fallbackMs) {
#ifdef CLOCK_THREAD_CPUTIME_ID
    (void)fallbackMs;
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
#else
    return fallbackMs;
#endif
}
} // namespace

ChartsPanel::ChartsPanel(const EntryStore& store, const MetricsModel& metrics, EndpointTableModel& endpoints,
                         QWidget* parent)
    : QWidget(parent), m_store(store), m_metrics(metrics),
      m_now([] { return QDateTime::currentMSecsSinceEpoch() * 1000; }), m_latency(new LatencyChart),
      m_errorRate(new RateChart(RateChart::Kind::ErrorRate)),
      m_requestRate(new RateChart(RateChart::Kind::RequestRate)), m_volume(new VolumeChart),
      m_endpoints(&endpoints), m_windowButtons(new QButtonGroup(this)), m_instancePicker(new InstancePicker),
      m_status(new QLabel), m_timer(new QTimer(this)) {
    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->setSpacing(2); // the buttons are flat: the style's gaps made the row too wide at scale 2
    controls->addWidget(new QLabel(tr("Show:"))); // short: "Window:" made the row too wide at scale 2
    for (ChartWindow w : kChartWindows) {
        auto* b = new QToolButton;
        b->setText(chartWindowName(w));
        b->setToolTip(w == ChartWindow::All ? tr("Chart every entry")
                                            : tr("Chart the last %1").arg(chartWindowName(w)));
        b->setCheckable(true);
        b->setChecked(w == m_window);
        b->setAutoRaise(true);
        m_windowButtons->addButton(b, int(w));
        controls->addWidget(b);
    }
    connect(m_windowButtons, &QButtonGroup::idClicked, this, [this](int id) { setWindow(ChartWindow(id)); });
    controls->addStretch(1);
    // The percentiles and the caption on a line of their own, the caption wrapped: "1 s
    // buckets, ending 2025-11-10 10:20:10 (latest entry)" on the buttons' line made the panel
    // 776 px wide, wider than the dock on a 1366×768 laptop, and cut the charts off.
    auto* shown = new QHBoxLayout;
    shown->setContentsMargins(0, 0, 0, 0);
    for (Percentile p : kPercentiles) {
        auto* box = new QCheckBox(percentileName(p));
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, [this, p](bool on) {
            std::set<Percentile> s = m_percentiles;
            if (on)
                s.insert(p);
            else
                s.erase(p);
            setPercentiles(s);
        });
        m_percentileBoxes[std::size_t(p)] = box;
        shown->addWidget(box);
    }
    shown->addSpacing(8);
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    shown->addWidget(m_status, 1);

    m_chartsLayout = new QVBoxLayout(this);
    m_chartsLayout->setContentsMargins(2, 2, 2, 2);
    m_chartsLayout->setSpacing(2);
    m_chartsLayout->addLayout(controls);
    m_chartsLayout->addLayout(shown);
    m_chartsLayout->addWidget(m_instancePicker);
    connect(m_instancePicker, &InstancePicker::instanceToggled, this,
            [this](InstanceId id, bool shown) { setInstanceHidden(id, !shown); });
    m_chartsLayout->addWidget(m_latency, 3);
    m_chartsLayout->addWidget(m_errorRate, 2);
    m_chartsLayout->addWidget(m_requestRate, 2);
    m_chartsLayout->addWidget(m_volume, 2);

    for (TimeChartView* chart :
         {static_cast<TimeChartView*>(m_latency), static_cast<TimeChartView*>(m_errorRate),
          static_cast<TimeChartView*>(m_requestRate), static_cast<TimeChartView*>(m_volume)})
        connect(chart, &TimeChartView::timeRangeSelected, this, &ChartsPanel::timeRangeSelected);
    connect(m_latency, &LatencyChart::instanceClicked, this, &ChartsPanel::emitInstance);
    connect(m_errorRate, &RateChart::instanceClicked, this, &ChartsPanel::emitInstance);
    connect(m_requestRate, &RateChart::instanceClicked, this, &ChartsPanel::emitInstance);

    setThresholds(m_thresholds);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &ChartsPanel::tick);
    m_timer->start();
}

ChartsPanel::~ChartsPanel() = default;

void ChartsPanel::setClock(std::function<std::int64_t()> nowUs) {
    m_now = std::move(nowUs);
}

void ChartsPanel::setAutoRefresh(bool on) {
    if (on)
        m_timer->start();
    else
        m_timer->stop();
}

void ChartsPanel::setWindow(ChartWindow window) {
    m_window = window;
    if (QAbstractButton* b = m_windowButtons->button(int(window))) b->setChecked(true);
    refresh();
}

void ChartsPanel::setThresholds(const ChartThresholds& t) {
    m_thresholds = t;
    m_latency->setP95Threshold(t.p95Seconds);
    m_errorRate->setErrorThresholds(t.errorRateWarning * 100.0, t.errorRateCritical * 100.0);
}

void ChartsPanel::setPercentiles(const std::set<Percentile>& percentiles) {
    m_percentiles = percentiles;
    for (Percentile p : kPercentiles) {
        QCheckBox* box = m_percentileBoxes[std::size_t(p)];
        const QSignalBlocker block(box);
        box->setChecked(percentiles.count(p));
    }
    m_latency->setData(m_data, m_hidden, m_percentiles);
}

void ChartsPanel::setEmphasised(const QStringList& labels) {
    if (labels == m_emphasised) return;
    m_emphasised = labels;
    for (TimeChartView* chart :
         {static_cast<TimeChartView*>(m_latency), static_cast<TimeChartView*>(m_errorRate),
          static_cast<TimeChartView*>(m_requestRate)})
        emphasiseInstances(chart->chart(), m_emphasised);
}

void ChartsPanel::setInstanceHidden(InstanceId instance, bool hidden) {
    if (hidden)
        m_hidden.insert(instance);
    else
        m_hidden.erase(instance);
    m_instancePicker->setChecked(instance, !hidden);
    refresh(); // the endpoint table follows the instance selection too
}

void ChartsPanel::emitInstance(InstanceId id) {
    Q_EMIT instanceClicked(m_store.instances().label(id.value));
}

void ChartsPanel::updateInstancePicker() {
    std::vector<std::pair<InstanceId, QString>> named;
    for (InstanceId id : m_metrics.instances()) {
        const QString label = m_store.instances().label(id.value);
        named.emplace_back(id, label.isEmpty() ? tr("(no instance)") : shownLogValue(label, SecretMasker()));
    }
    m_instancePicker->setInstances(named, m_hidden);
}

void ChartsPanel::tick() {
    // Live windows scroll with the clock; otherwise only new entries call for a redraw.
    if (m_metrics.revision() != m_shownRevision || isLive(m_metrics, m_now())) refreshStaggered();
}

QString ChartsPanel::windowCaption() const {
    if (!m_metrics.hasData()) return tr("no entries yet");
    const QString end = QDateTime::fromMSecsSinceEpoch(msFromUs(m_data.range.toUs))
                            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    const QString step = m_data.resolutionSeconds < 60 ? tr("%1 s").arg(m_data.resolutionSeconds)
                                                       : tr("%1 min").arg(m_data.resolutionSeconds / 60);
    return isLive(m_metrics, m_now()) ? tr("live, %1 buckets").arg(step)
                                      : tr("%1 buckets, ending %2 (latest entry)").arg(step, end);
}

void ChartsPanel::refresh() {
    ++m_generation; // drops the rest of a staggered refresh in progress
    for (int step = 0; step < kSteps; ++step)
        runStep(step);
}

void ChartsPanel::refreshStaggered() {
    const std::uint64_t generation = ++m_generation;
    runStep(0);
    // One chart at a time, a few tens of milliseconds apart: the scene's changes reach the
    // view through queued signals, so steps closer together would be painted together and
    // the GUI thread would hold all four charts' update and repaint in one block.
    for (int step = 1; step < kSteps; ++step)
        QTimer::singleShot(kStepSpacingMs * step, this, [this, step, generation] {
            if (generation == m_generation) runStep(step);
        });
}

void ChartsPanel::runStep(int step) {
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = threadCpuMs(0);
    switch (step) {
    case 0: {
        m_stepMs = m_stepCpuMs = 0;
        updateInstancePicker();
        const std::int64_t now = m_now();
        const TimeRange range = chartRange(m_window, m_metrics, now);
        // Bars at about half the lines' density at most: they read as a histogram, and
        // stacked areas are the costliest series to replace.
        const int points = chartWindowMaxPoints(m_window);
        // Complete data ends now (live) or with the second of the newest entry: a bucket
        // holding that moment is still filling and is scaled, not drawn as a dip.
        const std::int64_t last = m_metrics.hasData() ? m_metrics.lastTimeUs() + 1 : 0;
        const std::int64_t dataEnd =
            isLive(m_metrics, now) ? std::max(now, last) : ceilDiv(last, 1000000) * 1000000;
        m_data = buildChartData(m_metrics, m_store.instances(), range, points, points / 2, dataEnd);
        if (m_table) fillVolume(m_data, m_table->tally(), points / 2);
        m_data.growToTicks = m_window == ChartWindow::All;
        m_shownRevision = m_metrics.revision();
        m_latency->setData(m_data, m_hidden, m_percentiles);
        emphasiseInstances(m_latency->chart(), m_emphasised);
        break;
    }
    case 1:
        m_errorRate->setData(m_data, m_hidden);
        emphasiseInstances(m_errorRate->chart(), m_emphasised);
        break;
    case 2:
        m_requestRate->setData(m_data, m_hidden);
        emphasiseInstances(m_requestRate->chart(), m_emphasised);
        break;
    case 3:
        m_volume->setData(m_data);
        break;
    case 4: {
        std::vector<InstanceId> shown;
        for (InstanceId id : m_metrics.instances())
            if (!m_hidden.count(id)) shown.push_back(id);
        if (!m_data.range.isEmpty())
            m_endpoints->refresh(m_data.range,
                                 shown.empty() ? std::vector<InstanceId>{InstanceId(UINT32_MAX)} : shown);
        m_status->setText(windowCaption());
        if (m_endpointDock)
            m_endpointDock->setCaption(tr("%1 window, %2").arg(chartWindowName(m_window), windowCaption()));
        break;
    }
    }
    const double wall = double(timer.nsecsElapsed()) / 1e6;
    m_stepMs += wall;
    m_stepCpuMs += threadCpuMs(cpuStart + wall) - cpuStart;
    if (step == kSteps - 1) {
        m_lastRefreshMs = m_stepMs;
        m_lastRefreshCpuMs = m_stepCpuMs;
        ++m_refreshes;
        Q_EMIT refreshed();
    }
}

void ChartsPanel::setVolumeRows(const LogTableModel* table) {
    if (m_table) disconnect(m_table, nullptr, this, nullptr);
    m_table = table;
    if (table) connect(table, &LogTableModel::queryFinished, this, &ChartsPanel::refreshVolume);
    refreshVolume();
}

void ChartsPanel::setAlerts(const AlertEngine* engine) {
    QPointer<const AlertEngine> alerts(engine);
    auto notes = [this, alerts](std::initializer_list<AlertMetric> metrics) {
        return [this, alerts, metrics = std::vector<AlertMetric>(metrics)](InstanceId id, double ms) {
            QStringList out;
            if (!alerts) return out;
            const QString label = m_store.instances().label(id.value);
            const std::int64_t us = std::int64_t(ms) * 1000;
            for (const Alert& a : alerts->history()) {
                if (std::find(metrics.begin(), metrics.end(), a.metric) == metrics.end()) continue;
                if (!a.instance.isEmpty() && a.instance != label) continue;
                if (us < a.rangeFromUs() || (!a.active() && us > a.resolvedUs)) continue;
                out << tr("%1 alert (%2): %3")
                           .arg(a.ruleName, a.instance.isEmpty() ? tr("all instances") : a.instance,
                                a.valuesText());
                if (out.size() == 3) break;
            }
            return out;
        };
    };
    m_errorRate->setNoteSource(engine ? TimeChartView::NoteSource(notes({AlertMetric::ErrorRate})) : nullptr);
    m_latency->setNoteSource(
        engine ? TimeChartView::NoteSource(notes(
                     {AlertMetric::P95, AlertMetric::RequestDuration, AlertMetric::RequestDurationTools}))
               : nullptr);
}

void ChartsPanel::refreshVolume() {
    if (!m_table || m_data.range.isEmpty()) return;
    fillVolume(m_data, m_table->tally(), chartWindowMaxPoints(m_window) / 2);
    m_volume->setData(m_data);
}

VolumeChart* ChartsPanel::detachVolumeChart() {
    m_chartsLayout->removeWidget(m_volume);
    m_volume->setParent(nullptr);
    return m_volume;
}

EndpointDock* ChartsPanel::createEndpointDock(QWidget* parent) {
    if (!m_endpointDock) {
        m_endpointDock = new EndpointDock(m_endpoints, parent);
        m_endpointDock->setCaption(windowCaption());
    }
    return m_endpointDock;
}

} // namespace vigil
