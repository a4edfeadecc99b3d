#pragma once

#include "gc/GcTypes.h"
#include "util/Error.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QTreeWidget;

namespace berth {

class GcBrowser;

/// "Collect garbage": a preview of what a run would remove (a dry run, worked out off the GUI thread
/// through GcBrowser) with the bytes it would free, and the options that change it (delete untagged
/// manifests, and with them their referrers). Accepting it means: run with these options.
class GcDialog : public QDialog
{
    Q_OBJECT
public:
    explicit GcDialog(GcBrowser& browser, QWidget* parent = nullptr);

    GcOptions options() const;
    void setDeleteUntagged(bool on);
    void setDeleteReferrers(bool on);

    /// What the last preview showed (tests).
    QString summaryText() const;
    qint64 previewBytes() const { return m_preview.bytes; }
    int previewBlobCount() const { return int(m_preview.blobs.size()); }
    int previewManifestCount() const { return int(m_preview.manifests.size()); }
    QTreeWidget* list() const { return m_list; }
    bool isPreviewReady() const { return m_pending == 0; }

signals:
    /// A preview arrived and is shown.
    void previewShown();

private:
    void refresh();
    void onPreview(quint64 id, const berth::GcResult& result);
    void onFailed(quint64 id, const berth::Error& error);

    GcBrowser& m_browser;
    QCheckBox* m_untagged = nullptr;
    QCheckBox* m_referrers = nullptr;
    QLabel* m_summary = nullptr;
    QTreeWidget* m_list = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    quint64 m_pending = 0;
    GcResult m_preview;
};

} // namespace berth
