#include "openprogress.h"

#include "models/ingest/liveingest.h"
#include "models/ingest/timewindow.h"
#include "models/metrics/timemath.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

#include <algorithm>

namespace vigil {

namespace {
QString megabytes(std::uint64_t bytes) {
    return QLocale().toString(double(bytes) / 1e6, 'f', bytes < 10'000'000 ? 1 : 0);
}

QString duration(double seconds) {
    if (seconds < 60) return OpenProgress::tr("%1 s").arg(qMax(1, int(seconds + 0.5)));
    return OpenProgress::tr("%1 min %2 s").arg(int(seconds) / 60).arg(int(seconds) % 60);
}
} // namespace

OpenProgress::OpenProgress(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("openProgress"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 1000);
    m_bar->setFixedWidth(150);
    m_bar->setMaximumHeight(16);
    m_bar->setTextVisible(true);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopOpening"));
    m_stop->setToolTip(tr("Stop reading: what was read stays in the table"));
    m_readAll = new QPushButton(tr("Read everything"), this);
    m_readAll->setObjectName(QStringLiteral("readEverything"));
    m_readAll->setToolTip(tr("Reopen without the time window, older files included"));
    m_readAll->setFlat(true);
    layout->addWidget(m_bar);
    layout->addWidget(m_stop);
    layout->addWidget(m_readAll);
    m_timer = new QTimer(this);
    m_timer->setInterval(200);
    connect(m_timer, &QTimer::timeout, this, [this] { refresh(); });
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (m_ingest) m_ingest->stopScan();
        m_stop->setEnabled(false);
        Q_EMIT textChanged(tr("Stopping…"));
    });
    connect(m_readAll, &QPushButton::clicked, this, &OpenProgress::readEverythingRequested);
    hide();
}

QSize OpenProgress::sizeHint() const {
    return {QWidget::sizeHint().width(), fullHeight()};
}

QSize OpenProgress::minimumSizeHint() const {
    return {QWidget::minimumSizeHint().width(), fullHeight()};
}

int OpenProgress::fullHeight() const {
    return std::max({QWidget::sizeHint().height(), m_bar->sizeHint().height(), m_stop->sizeHint().height()});
}

void OpenProgress::watch(LiveIngest* ingest) {
    if (m_ingest) disconnect(m_ingest, nullptr, this, nullptr);
    m_ingest = ingest;
    m_readAll->hide();
    if (!ingest) {
        m_timer->stop();
        hide();
        return;
    }
    m_stop->setEnabled(true);
    m_bar->show();
    m_stop->show();
    m_bar->setValue(0);
    m_bar->setFormat(tr("Finding files…"));
    Q_EMIT textChanged(tr("Finding files…"));
    show();
    m_timer->start();
    connect(ingest, &QObject::destroyed, this, [this] { watch(nullptr); });
    connect(ingest, &LiveIngest::initialScanFinished, this, [this] {
        refresh(false); // the bar's last figures (100 % when all was read); the window says the rest
        m_timer->stop();
        m_bar->hide();
        m_stop->hide();
        const bool skipped = m_ingest && m_ingest->filesSkipped() > 0;
        m_readAll->setVisible(skipped);
        setVisible(skipped);
    });
}

void OpenProgress::refresh(bool announce) {
    if (!m_ingest || !m_stop->isEnabled()) return;
    const ScanProgressFigures f = m_ingest->scanProgress();
    if (!f.listed) return;
    m_bar->setValue(int(f.fraction() * 1000));
    m_bar->setFormat(tr("%1 % of %2 MB").arg(int(f.fraction() * 100)).arg(megabytes(f.totalBytes)));
    QString text = tr("Reading: %1 of %2 MB · %3 of %4 files · %5 entries")
                       .arg(megabytes(f.bytesRead), megabytes(f.totalBytes))
                       .arg(f.filesDone)
                       .arg(f.totalFiles)
                       .arg(QLocale().toString(qulonglong(f.entries)));
    const double left = secondsLeft(f, m_ingest->scanElapsedSeconds());
    if (left >= 0) text += tr(" · about %1 left").arg(duration(left));
    if (announce) Q_EMIT textChanged(text);
}

QString OpenProgress::finishedText(const LiveIngest& ingest, double seconds, quint64 bytes) {
    QString text = tr("Read %1 MB in %2 s").arg(double(bytes) / 1e6, 0, 'f', 1).arg(seconds, 0, 'f', 2);
    if (ingest.scanStopped()) {
        const ScanProgressFigures f = ingest.scanProgress();
        text +=
            tr(" — stopped: %1 of %2 MB not read; the table holds what was read")
                .arg(megabytes(f.totalBytes - std::min(f.totalBytes, f.bytesRead)), megabytes(f.totalBytes));
    }
    if (ingest.windowStartUs() != kNoTime) {
        const QString since = QDateTime::fromMSecsSinceEpoch(msFromUs(ingest.windowStartUs()))
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        text += tr(" — time window from %1: %n older file(s) not read", "", int(ingest.filesSkipped()))
                    .arg(since);
    }
    return text;
}

} // namespace vigil
