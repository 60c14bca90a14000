#include "diffview.h"

#include "models/insight/patternreport.h"
#include "models/metrics/timemath.h"
#include "models/secrets/safetext.h"
#include "models/secrets/secretmasker.h"
#include "models/store/entrystore.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace vigil {

namespace {
constexpr std::int64_t kMinuteUs = 60'000'000;
enum Preset { Last15VsHour, Last5Vs15, LastHourVs6Hours, SelectedVsBefore };

QString shortTime(std::int64_t us) {
    return QDateTime::fromMSecsSinceEpoch(msFromUs(us)).toString(QStringLiteral("MM-dd HH:mm:ss"));
}
} // namespace

struct DiffView::Task {
    StoreSnapshot snapshot;
    TextAccess text;
    TimeRange before, after;
    std::shared_ptr<std::atomic<bool>> cancel;
    std::optional<PatternDiff> result;
    double seconds = 0;
};

DiffView::DiffView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("diffView"));
    m_preset = new QComboBox(this);
    m_preset->addItems({tr("Last 15 min vs the hour before"), tr("Last 5 min vs the 15 min before"),
                        tr("Last hour vs the 6 hours before"),
                        tr("Range dragged on the histogram vs before it")});
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_preset->setMinimumContentsLength(12);
    m_compare = new QPushButton(tr("Compare"), this);
    m_status = new QLabel(this);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("diffTree"));
    m_tree->setHeaderLabels({tr("Change"), tr("Before"), tr("After"), tr("Pattern or metric")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->setMinimumSize(120, 60);
    m_tree->header()->setStretchLastSection(true);
    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_preset, 1);
    top->addWidget(m_compare);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_tree, 1);
    connect(m_compare, &QPushButton::clicked, this, &DiffView::compareChosen);
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        const QString regex = item->data(3, Qt::UserRole).toString();
        if (!regex.isEmpty()) Q_EMIT patternChosen(regex);
    });
}

DiffView::~DiffView() {
    if (m_cancel) m_cancel->store(true);
    // The task holds its own snapshot; it only must not post to a view that is gone.
    m_ticket.wait();
}

void DiffView::attach(const EntryStore* store, const MetricsModel* metrics, Executor* executor) {
    m_executor = executor;
    if (m_cancel) m_cancel->store(true);
    // A comparison of the previous store may still run: it holds its own snapshot.
    m_store = store;
    m_metrics = metrics;
    m_tree->clear();
    m_status->clear();
    m_selected = {};
}

void DiffView::setSelectedRange(std::int64_t fromUs, std::int64_t toUs) {
    m_selected = TimeRange{fromUs, toUs};
    m_preset->setCurrentIndex(SelectedVsBefore);
}

void DiffView::compareChosen() {
    if (!m_metrics || !m_metrics->hasData()) {
        m_status->setText(tr("No entries to compare yet."));
        return;
    }
    const std::int64_t end = m_metrics->lastTimeUs() + 1;
    switch (m_preset->currentIndex()) {
    case Last15VsHour:
        compare({end - 75 * kMinuteUs, end - 15 * kMinuteUs}, {end - 15 * kMinuteUs, end});
        break;
    case Last5Vs15:
        compare({end - 20 * kMinuteUs, end - 5 * kMinuteUs}, {end - 5 * kMinuteUs, end});
        break;
    case LastHourVs6Hours:
        compare({end - 420 * kMinuteUs, end - 60 * kMinuteUs}, {end - 60 * kMinuteUs, end});
        break;
    case SelectedVsBefore:
        if (m_selected.isEmpty()) {
            m_status->setText(tr("Drag across the histogram above the table to choose a range first."));
            return;
        }
        compare({2 * m_selected.fromUs - m_selected.toUs, m_selected.fromUs}, m_selected);
        break;
    }
}

void DiffView::compare(TimeRange before, TimeRange after) {
    if (!m_store || !m_executor || m_busy) return;
    auto task = std::make_shared<Task>();
    task->snapshot = m_store->snapshot();
    task->text = TextAccess::capture(*m_store);
    task->before = before;
    task->after = after;
    task->cancel = m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_busy = true;
    m_compare->setEnabled(false);
    m_status->setText(tr("Comparing…"));
    QPointer<DiffView> self(this);
    m_ticket = m_executor->start([self, task] {
        QElapsedTimer clock;
        clock.start();
        task->result =
            diffPatterns(task->snapshot, task->text, task->before, task->after, task->cancel.get());
        task->seconds = double(clock.nsecsElapsed()) / 1e9;
        // The view outlives its tasks (its destructor waits), so `self` is valid here.
        QMetaObject::invokeMethod(
            self.data(),
            [self, task] {
                if (self) self->showResult(task);
            },
            Qt::QueuedConnection);
    });
}

void DiffView::addChange(QTreeWidgetItem* parent, const PatternChange& c, const QString& instance) {
    const SecretMasker masker;
    const std::string masked = masker.mask(std::string_view(c.pattern));
    const QString pattern = shownLogValue(QString::fromStdString(c.pattern), masker);
    auto* item = new QTreeWidgetItem(parent);
    const qint64 delta = qint64(c.after) - qint64(c.before);
    item->setText(0, QStringLiteral("%1 %2%3")
                         .arg(patternChangeKindName(c.kind), delta >= 0 ? QStringLiteral("+") : QString())
                         .arg(delta));
    item->setText(1, tr("%1/min").arg(c.beforePerMinute, 0, 'g', 3));
    item->setText(2, tr("%1/min").arg(c.afterPerMinute, 0, 'g', 3));
    item->setText(3, instance.isEmpty() ? pattern : QStringLiteral("%1: %2").arg(instance, pattern));
    item->setToolTip(3, pattern);
    QString regex = QString::fromStdString(MessagePattern::toRegex(masked));
    item->setData(3, Qt::UserRole, regex.replace(QStringLiteral("\\*\\*\\*"), QStringLiteral(".*?")));
    if (isErrorOrAbove(c.highest)) item->setForeground(3, QColor(0xc6, 0x28, 0x28));
}

void DiffView::showResult(const std::shared_ptr<Task>& task) {
    m_busy = false;
    m_compare->setEnabled(true);
    if (!task->result || task->cancel->load()) {
        m_status->clear();
        return;
    }
    m_tree->clear();
    const PatternDiff& d = *task->result;
    m_status->setText(tr("%1 – %2 (%3 entries) vs %4 – %5 (%6 entries), %7 s")
                          .arg(shortTime(task->before.fromUs), shortTime(task->before.toUs))
                          .arg(d.entriesBefore)
                          .arg(shortTime(task->after.fromUs), shortTime(task->after.toUs))
                          .arg(d.entriesAfter)
                          .arg(task->seconds, 0, 'f', 2));
    auto section = [this](const QString& title) {
        auto* s = new QTreeWidgetItem(m_tree, {title});
        s->setFirstColumnSpanned(true);
        QFont bold = s->font(0);
        bold.setBold(true);
        s->setFont(0, bold);
        return s;
    };
    QTreeWidgetItem* patterns = section(tr("Patterns new, changed in rate, gone"));
    for (std::size_t i = 0; i < std::min<std::size_t>(200, d.changes.size()); ++i)
        addChange(patterns, d.changes[i], {});
    if (!d.perInstance.empty()) {
        QTreeWidgetItem* perInstance = section(tr("Per instance"));
        const SecretMasker masker;
        for (const InstancePatternChange& ic : d.perInstance)
            addChange(perInstance, ic.change, shownLogValue(m_store->instances().label(ic.instance), masker));
    }
    if (m_metrics) {
        QTreeWidgetItem* moved = section(tr("Metrics that moved"));
        const SecretMasker masker;
        for (const MetricChange& m :
             diffMetrics(*m_metrics, m_store->instances(), m_store->endpoints(), task->before, task->after)) {
            auto* item = new QTreeWidgetItem(moved);
            item->setText(0, m.metric);
            item->setText(1, m.beforeText);
            item->setText(2, m.afterText);
            item->setText(3, shownLogValue(m.scope, masker));
        }
    }
    m_tree->expandAll();
    for (int c = 0; c < 3; ++c)
        m_tree->resizeColumnToContents(c);
    Q_EMIT finished();
}

} // namespace vigil
