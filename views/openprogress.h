#pragma once
// The status bar's progress while a deployment is being read: bytes read of the total,
// files done of all, entries so far, the time left, and Stop (what was read stays in the
// table). It polls the ingest's counters on a timer, so a deployment of many small files
// costs the GUI thread nothing per file. After the scan it offers "Read everything" when a
// time window left older files out.

#include <QWidget>

class QProgressBar;
class QPushButton;
class QTimer;

namespace vigil {

class LiveIngest;

class OpenProgress : public QWidget {
    Q_OBJECT
  public:
    explicit OpenProgress(QWidget* parent = nullptr);
    // Shows the progress of this ingest's initial scan (none: hidden).
    void watch(LiveIngest* ingest);
    QProgressBar* bar() const { return m_bar; }
    QPushButton* stopButton() const { return m_stop; }
    QPushButton* readEverythingButton() const { return m_readAll; }
    // As tall as with the bar and Stop in it, shown or not: the status bar takes its height
    // from its widgets' minimum sizes, and a status bar that shrank when the scan ended laid
    // out and painted the whole window again at once (opening 5 GB, a 16 ms event of the
    // window's thread).
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // The status line once the scan is over: what was read, and what was not.
    static QString finishedText(const LiveIngest& ingest, double seconds, quint64 bytes);

  Q_SIGNALS:
    void readEverythingRequested();
    // The figures in words, for the status line (the bar itself is small).
    void textChanged(const QString& text);

  private:
    void refresh(bool announce = true);
    int fullHeight() const;

    LiveIngest* m_ingest = nullptr;
    QProgressBar* m_bar;
    QPushButton *m_stop, *m_readAll;
    QTimer* m_timer;
};

} // namespace vigil
