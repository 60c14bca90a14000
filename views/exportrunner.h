#pragma once
// Runs an export of the shown entries on a worker thread with a progress dialog that can
// cancel it, so exporting a million entries never freezes the window. Writes through
// QSaveFile: a cancelled or failed export leaves no partial file behind.

#include <QObject>
#include <QString>

class QWidget;

namespace vigil {

class Workspace;

class ExportRunner : public QObject {
    Q_OBJECT
  public:
    // Starts exporting the table's rows to `fileName` (".csv" for CSV, else JSON Lines).
    // The runner deletes itself after finished().
    static ExportRunner* start(QWidget* parent, Workspace& workspace, const QString& fileName);

  Q_SIGNALS:
    // `error` is empty on success.
    void finished(const QString& error, int entries);

  private:
    explicit ExportRunner(QObject* parent) : QObject(parent) {}
};

} // namespace vigil
