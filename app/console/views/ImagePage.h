#pragma once

#include "registry/ImageCatalog.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableView;
class QTreeWidget;

namespace berth {

class JsonHighlighter;
class LayerTableModel;
class PlatformTableModel;
class ReferrerTableModel;

/// One manifest: a summary line, then tabs that fit its kind: an index's platforms (double-click opens
/// that manifest), an image's layers and configuration (entrypoint, environment, labels, history), a
/// Helm chart's name, version and description, the referrers, and the manifest's JSON.
class ImagePage : public QWidget
{
    Q_OBJECT
public:
    explicit ImagePage(QWidget* parent = nullptr);

    void setDetail(const ImageDetail& detail);
    /// Shown while the detail loads or when it could not be loaded.
    void setMessage(const QString& message);
    const ImageDetail& detail() const { return m_detail; }

    QTabWidget* tabs() const { return m_tabs; }
    QPlainTextEdit* manifestView() const { return m_manifest; }
    QTreeWidget* configTree() const { return m_config; }
    QTableView* platformTable() const { return m_platforms; }
    QLabel* summaryLabel() const { return m_summary; }
    /// The Helm tab's value for a field ("name", "version", "appVersion", "description").
    QString helmField(const QString& field) const;

signals:
    void manifestActivated(const QString& repository, const berth::Digest& digest);

private:
    QWidget* buildHelmTab();
    void fillConfig(const ImageConfigInfo& config);
    void fillHelm(const HelmChartInfo& chart);

    ImageDetail m_detail;
    QLabel* m_summary = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableView* m_platforms = nullptr;
    QTableView* m_layers = nullptr;
    QTableView* m_referrers = nullptr;
    QTreeWidget* m_config = nullptr;
    QWidget* m_helm = nullptr;
    QMap<QString, QLabel*> m_helmFields;
    QPlainTextEdit* m_manifest = nullptr;
    JsonHighlighter* m_highlighter = nullptr;
    PlatformTableModel* m_platformModel = nullptr;
    LayerTableModel* m_layerModel = nullptr;
    ReferrerTableModel* m_referrerModel = nullptr;
};

} // namespace berth
