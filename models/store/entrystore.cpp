#include "entrystore.h"

#include "entryflags.h"

#include "../memory/hugepages.h"
#include "../memory/touchpages.h"
#include "../parse/formatid.h"

#include <QDateTime>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <type_traits>

namespace vigil {

Segment::Segment() : m_block(allocateLarge(kCapacity * kBytesPerEntry)) {
    // Widest columns first, so that each starts aligned to its type.
    auto* at = static_cast<unsigned char*>(m_block);
    const auto carve = [&at](auto*& column) {
        column = reinterpret_cast<std::remove_reference_t<decltype(column)>>(at);
        at += kCapacity * sizeof(*column);
    };
    carve(timeUs);
    carve(offset);
    carve(file);
    carve(logger);
    carve(endpoint);
    carve(durationSeconds);
    carve(lengthLow);
    carve(instance);
    carve(status);
    carve(level);
    carve(format);
    carve(flags);
}

Segment::~Segment() {
    std::free(m_block);
}

void Segment::touchPages(Touch how) {
    // Entries are written before they are read, so one byte a page is enough.
    if (how == Touch::Write)
        writeEveryPage(m_block, kCapacity * kBytesPerEntry);
    else
        mapEveryPage(m_block, kCapacity * kBytesPerEntry);
}

void Segment::setLength(std::size_t pos, std::uint32_t length) {
    lengthLow[pos] = static_cast<std::uint16_t>(length);
    if (length > UINT16_MAX && !lengthHigh) {
        // Zeroed: the entries before this one are all shorter than 64 KB.
        lengthHigh.reset(new std::uint16_t[kCapacity]());
    }
    if (lengthHigh) lengthHigh[pos] = static_cast<std::uint16_t>(length >> 16);
}

void Segment::seal() {
    std::vector<FileRun> found;
    for (std::size_t k = 0; k < count; ++k) {
        const std::uint64_t end = offset[k] + length(k);
        if (found.empty() || found.back().file != file[k]) {
            if (found.size() == kMaxRuns) return;
            found.push_back({file[k], 0, offset[k], end});
        }
        FileRun& run = found.back();
        run.end = std::uint32_t(k + 1);
        run.low = std::min(run.low, offset[k]);
        run.high = std::max(run.high, end);
    }
    runs = std::move(found);
}

EntryStore::EntryStore() = default;

Segment& EntryStore::writableTail() {
    if (m_segments.empty() || m_segments.back()->count == Segment::kCapacity) {
        if (!m_spares.empty()) {
            m_segments.push_back(std::move(m_spares.back()));
            m_spares.pop_back();
            ++m_sparesUsed;
        } else {
            m_segments.push_back(std::make_shared<Segment>());
        }
    }
    return *m_segments.back();
}

void EntryStore::addSpareSegment(std::shared_ptr<Segment> segment) {
    // More than a few spares means the supplier counts ahead of what is appended: let them go.
    if (!segment || segment->count != 0 || m_spares.size() >= kMaxSpares) return;
    m_spares.push_back(std::move(segment));
}

EntryIndex EntryStore::append(const EntryBatch& batch) {
    const EntryIndex first(m_end);
    if (m_remaps.size() <= batch.file.value) m_remaps.resize(batch.file.value + 1);
    SourceRemap& remap = m_remaps[batch.file.value];
    const QString root = m_sources[batch.file].root;
    for (const auto& s : batch.newInstances)
        remap.instance.push_back(m_instances.intern(root, s));
    for (const auto& s : batch.newLoggers)
        remap.logger.push_back(m_loggers.intern(s));
    for (const auto& s : batch.newEndpoints)
        remap.endpoint.push_back(m_endpoints.intern(s));
    if (m_counters.entriesByInstance.size() < m_instances.size()) {
        m_counters.entriesByInstance.resize(m_instances.size());
        m_counters.errorsByInstance.resize(m_instances.size());
    }

    SourceInfo& source = m_sources[batch.file];
    source.entries += batch.size();
    source.lines += batch.lines;
    source.byteCount += batch.bytes;

    const std::size_t n = batch.size();
    const std::int64_t futureUs = QDateTime::currentMSecsSinceEpoch() * 1000 + kFutureToleranceUs;
    for (std::size_t i = 0; i < n;) {
        Segment& seg = writableTail();
        const std::size_t take = std::min(n - i, Segment::kCapacity - seg.count);
        const std::size_t at = seg.count;
        std::memcpy(&seg.timeUs[at], &batch.timeUs[i], take * sizeof(std::int64_t));
        std::memcpy(&seg.offset[at], &batch.offset[i], take * sizeof(std::uint64_t));
        std::memcpy(&seg.durationSeconds[at], &batch.durationSeconds[i], take * sizeof(float));
        std::memcpy(&seg.status[at], &batch.status[i], take * sizeof(std::uint16_t));
        std::memcpy(&seg.level[at], &batch.level[i], take);
        std::memcpy(&seg.format[at], &batch.format[i], take);
        const auto instanceOf = [&](std::size_t src) {
            return std::min<std::uint32_t>(remap.instance[batch.instance[src]], UINT16_MAX);
        };
        constexpr std::size_t kAhead = 16; // entries between a duplicate slot's prefetch and its use
        for (std::size_t k = 0; k < take; ++k) {
            const std::size_t src = i + k, dst = at + k;
            if (src + kAhead < n && batch.contentHash[src + kAhead] != 0)
                m_duplicates.prefetch(InstanceId(instanceOf(src + kAhead)), batch.contentHash[src + kAhead]);
            const std::uint32_t instance = instanceOf(src);
            std::uint8_t flags = batch.flags[src];
            if (batch.timeUs[src] > futureUs) flags |= FlagFutureTime;
            if (batch.contentHash[src] != 0 &&
                m_duplicates.seenElsewhere(InstanceId(instance), batch.contentHash[src], batch.file)) {
                flags |= FlagDuplicate;
                ++m_counters.duplicates;
            }
            seg.setLength(dst, batch.length[src]);
            seg.file[dst] = batch.file.value;
            seg.instance[dst] = static_cast<std::uint16_t>(instance);
            seg.logger[dst] = remap.logger[batch.logger[src]];
            seg.endpoint[dst] = remap.endpoint[batch.endpoint[src]];
            seg.flags[dst] = flags;

            const auto level = static_cast<Level>(batch.level[src]);
            seg.digest.count(std::uint16_t(instance), level);
            ++m_counters.byLevel[batch.level[src]];
            ++m_counters.entriesByInstance[instance];
            if (isErrorOrAbove(level) && !(flags & FlagDuplicate)) ++m_counters.errorsByInstance[instance];
            if (batch.format[src] == static_cast<std::uint8_t>(FormatId::Raw)) ++m_counters.unparsed;
            source.countFormat(batch.format[src]);
        }
        seg.count += take;
        if (seg.count == Segment::kCapacity) seg.seal();
        m_end += take;
        i += take;
    }
    m_counters.entries += n;
    return first;
}

std::uint64_t EntryStore::evictOldest(std::uint64_t maxEntries) {
    std::uint64_t dropped = 0;
    StoreSnapshot evicted;
    evicted.m_firstSegment = m_firstSegment;
    evicted.m_begin = m_begin;
    while (m_segments.size() > 1 && size() - Segment::kCapacity >= maxEntries &&
           m_segments.front()->count == Segment::kCapacity) {
        const std::uint64_t segmentEnd = (m_firstSegment + 1) << Segment::kShift;
        dropped += segmentEnd - m_begin;
        m_begin = segmentEnd;
        evicted.m_segments.push_back(std::move(m_segments.front()));
        m_segments.erase(m_segments.begin());
        ++m_firstSegment;
    }
    if (dropped > 0) {
        evicted.m_end = m_begin;
        m_lastEvicted = std::move(evicted);
    }
    return dropped;
}

StoreSnapshot EntryStore::snapshot() const {
    StoreSnapshot s;
    s.m_segments = m_segments;
    s.m_firstSegment = m_firstSegment;
    s.m_begin = m_begin;
    s.m_end = m_end;
    return s;
}

bool EntryStore::readText(EntryIndex index, std::string& out) const {
    out.clear();
    if (!contains(index)) return false;
    const SourceInfo& source = m_sources[file(index)];
    return source.bytes && source.bytes->read(offset(index), length(index), out);
}

std::uint64_t EntryStore::memoryBytes() const {
    std::uint64_t bytes =
        (m_segments.size() + m_spares.size()) * Segment::kCapacity * Segment::kBytesPerEntry;
    for (const auto& segment : m_segments) {
        if (segment->lengthHigh) bytes += Segment::kCapacity * sizeof(std::uint16_t);
        bytes += segment->runs.capacity() * sizeof(Segment::FileRun);
    }
    return bytes + m_duplicates.memoryBytes();
}

} // namespace vigil
