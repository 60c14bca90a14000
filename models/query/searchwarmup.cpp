#include "searchwarmup.h"

#include "textaccess.h"

#include "../store/entrystore.h"

#include <unistd.h>

namespace vigil {

SearchWarmUp::~SearchWarmUp() {
    if (m_stop) m_stop->store(true);
}

void SearchWarmUp::start(const EntryStore& store) {
    if (m_stop) m_stop->store(true);
    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_readied = std::make_shared<std::atomic<std::uint64_t>>(0);
    std::uint64_t bytes = 0;
    for (std::uint32_t f = 0; f < store.sources().size(); ++f)
        bytes += store.sources()[FileId(f)].byteCount;
    const std::uint64_t memory =
        std::uint64_t(sysconf(_SC_PHYS_PAGES)) * std::uint64_t(sysconf(_SC_PAGESIZE));
    const std::uint64_t budget = memory / 2;
    if (bytes == 0 || bytes > budget) return;
    m_ticket = m_executor.startInBackground(
        [text = TextAccess::capture(store), stop = m_stop, readied = m_readied, budget] {
            // Within the budget as the files are now: they may have grown since they were read.
            for (const std::shared_ptr<const ByteSource>& source : text.sources) {
                if (stop->load() || readied->load() >= budget) return;
                if (source) readied->fetch_add(source->prepareScans(budget - readied->load()));
            }
        });
}

} // namespace vigil
