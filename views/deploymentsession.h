#pragma once
// What the user was looking at in a deployment, kept across restarts: the filters (search,
// fields, levels, time range), the selected entry and the charts' window, saved in
// QSettings under a key made of the deployment's set of roots, and put back when the same
// roots are opened again (from recent or at start) unless a fresh start was chosen. Saving
// hands the values to a background writer (backgroundsettings.h); reading waits for it.
// Bookmarks are kept by their own store; other per-deployment state can live in the same
// settings group (groupFor()).

#include "models/store/entrystore.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace vigil {

class ChartsPanel;
class FilterBar;

class DeploymentSession {
  public:
    // The settings group of a deployment: the same for the same roots in any order.
    static QString groupFor(const QStringList& roots);

    static void save(const QStringList& roots, const FilterBar& bar, const ChartsPanel* charts,
                     const EntryStore* store, std::optional<EntryIndex> selected);
    // Puts the saved filters and chart window back; returns whether there was a session.
    static bool restore(const QStringList& roots, FilterBar& bar, ChartsPanel* charts);
    // The saved selected entry in this (newly read) store, if it was read again.
    static std::optional<EntryIndex> selectedEntry(const QStringList& roots, const EntryStore& store);
};

} // namespace vigil
