#pragma once
// What the table area shows while nothing is open: the ways in (a folder, files, the live
// demo, a recent deployment, dropping a folder on the window), so a first run is never a
// grid of empty panes with a hint in the status bar.

#include <QStringList>
#include <QWidget>

class QVBoxLayout;

namespace vigil {

class WelcomeView : public QWidget {
    Q_OBJECT
  public:
    explicit WelcomeView(QWidget* parent = nullptr);
    // Each entry: the roots of one recent deployment.
    void setRecent(const QList<QStringList>& recent);
    // A control shown under the ways in, labelled: how opening reads (the time window).
    void addOpenOption(const QString& label, QWidget* control);

  Q_SIGNALS:
    void openFolderRequested();
    void openFilesRequested();
    void demoRequested();
    void openRecentRequested(const QStringList& roots);

  private:
    QVBoxLayout* m_recentList;
    QVBoxLayout* m_actionLayout;
    QWidget* m_recentBox;
};

} // namespace vigil
