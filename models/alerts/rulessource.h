#pragma once
// The alert rules in force, from the rules file a person edits by hand: loads it (created
// with the defaults when missing) and watches it, so an edit applies when saved. A broken
// file leaves the last good rules in force and says what is wrong. Lives as long as the
// window; each opened deployment's alert engine takes its rules from here.

#include "rulesfile.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace vigil {

class RulesSource : public QObject {
    Q_OBJECT
  public:
    explicit RulesSource(QObject* parent = nullptr);

    // Loads the file and watches it. On problems the rules in force stay and the problems
    // are returned (and announced).
    QStringList load(const QString& path);
    // Applies rules edited elsewhere (the dialog saves them first).
    void setDocument(const RulesDocument& document);

    const RulesDocument& document() const { return m_document; }
    QString path() const { return m_path; }
    QStringList problems() const { return m_problems; }

  Q_SIGNALS:
    void rulesChanged();
    void problemsChanged(const QStringList& problems);

  private:
    RulesDocument m_document;
    QString m_path;
    QStringList m_problems;
    QFileSystemWatcher m_watcher;
    QTimer m_reload; // editors write in several steps: read once they are done
};

} // namespace vigil
