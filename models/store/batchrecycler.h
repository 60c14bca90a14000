#pragma once
// Batches the store's thread has appended, handed back for the readers' next ones.
//
// Readers build a batch's columns (entrybatch.h) in memory of their malloc arena, and the
// window's thread used to free them after appending. Freeing takes the lock of the arena the
// memory came from, which the readers hold on every malloc of their own: opening 5 GB, the
// window's thread waited 44 ms in one free() of a batch while a reader's malloc held that
// lock. Recycled, a batch's columns are allocated once and neither thread mallocs or frees
// them again while a scan runs.

#include "entrybatch.h"

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace vigil {

class BatchRecycler {
  public:
    // Batches kept at most: as many as a scan has in flight (one per reader, four queued
    // for the appending thread, one there, four in the store's inbox, one being appended),
    // so none is freed while it runs; more are freed. Each is up to about 0.6 MB.
    static constexpr std::size_t kMaxKept = 12;

    BatchRecycler() { m_kept.reserve(kMaxKept); }

    // An empty batch, with the room of a batch given back when there is one (its pages
    // written already); a default one otherwise. Any thread.
    EntryBatch take();
    // Keeps the memory of an appended batch for take(). Never waits: when the list is taken
    // by a reader that moment, or full, the batch is freed here.
    void give(EntryBatch&& batch);
    // Frees the batches kept (once the readers are done).
    void release();
    // Batches kept now, and how many take() calls returned a kept one (tests).
    std::size_t kept() const;
    std::uint64_t reused() const;

  private:
    mutable std::mutex m_mutex;
    std::vector<EntryBatch> m_kept;
    std::uint64_t m_reused = 0;
};

} // namespace vigil
