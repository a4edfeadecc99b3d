#pragma once

#include "metering/PriceSheet.h"
#include "util/Result.h"

namespace berth {

class MetadataStore;

/// Reads and writes the price sheet in registry_settings (key "pricing", the value PriceSheet::toJson()).
class PriceSheetStore
{
public:
    static constexpr const char* SettingsKey = "pricing";

    explicit PriceSheetStore(MetadataStore& metadata) : m_metadata(metadata) {}

    /// The saved sheet, or PriceSheet::defaults() when none was saved. A stored value that no longer
    /// validates is an error (it says so), never silently replaced by the defaults.
    Result<PriceSheet> load() const;
    /// Validates and saves `sheet` (its own transaction, or the caller's); returns it as stored, with
    /// updatedAt and updatedBy set.
    Result<PriceSheet> save(PriceSheet sheet, const QString& actor, const QDateTime& now);

private:
    MetadataStore& m_metadata;
};

} // namespace berth
