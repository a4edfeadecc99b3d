#include "views/ImagePage.h"

#include "models/DetailModels.h"
#include "views/JsonHighlighter.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace berth {

namespace {

QTableView* makeTable(QAbstractItemModel* model, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QString kindText(ImageSummary::Kind kind)
{
    switch (kind) {
    case ImageSummary::Kind::Index:
        return ImagePage::tr("Multi-platform index");
    case ImageSummary::Kind::Artifact:
        return ImagePage::tr("Artifact");
    case ImageSummary::Kind::Helm:
        return ImagePage::tr("Helm chart");
    case ImageSummary::Kind::Image:
        break;
    }
    return ImagePage::tr("Image");
}

} // namespace

ImagePage::ImagePage(QWidget* parent) : QWidget(parent)
{
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tabs = new QTabWidget(this);

    m_platformModel = new PlatformTableModel(this);
    m_platforms = makeTable(m_platformModel, this);
    connect(m_platforms, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.isValid())
            emit manifestActivated(m_detail.repository, m_platformModel->entryAt(index.row()).digest);
    });
    m_layerModel = new LayerTableModel(this);
    m_layers = makeTable(m_layerModel, this);
    m_config = new QTreeWidget(this);
    m_config->setColumnCount(2);
    m_config->setHeaderLabels({tr("Setting"), tr("Value")});
    m_helm = buildHelmTab();
    m_referrerModel = new ReferrerTableModel(this);
    m_referrers = makeTable(m_referrerModel, this);
    connect(m_referrers, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.isValid())
            emit manifestActivated(m_detail.repository, m_referrerModel->referrerAt(index.row()).digest);
    });
    m_manifest = new QPlainTextEdit(this);
    m_manifest->setReadOnly(true);
    m_manifest->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_manifest->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_highlighter = new JsonHighlighter(m_manifest->document());

    m_tabs->addTab(m_platforms, tr("Platforms"));
    m_tabs->addTab(m_layers, tr("Layers"));
    m_tabs->addTab(m_config, tr("Configuration"));
    m_tabs->addTab(m_helm, tr("Helm chart"));
    m_tabs->addTab(m_referrers, tr("Referrers"));
    m_tabs->addTab(m_manifest, tr("Manifest"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
}

QWidget* ImagePage::buildHelmTab()
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    const QList<QPair<QString, QString>> fields = {
        {QStringLiteral("name"), tr("Name:")},
        {QStringLiteral("version"), tr("Version:")},
        {QStringLiteral("appVersion"), tr("App version:")},
        {QStringLiteral("description"), tr("Description:")},
        {QStringLiteral("apiVersion"), tr("Chart API version:")},
        {QStringLiteral("type"), tr("Type:")},
    };
    for (const auto& field : fields) {
        auto* value = new QLabel(page);
        value->setTextFormat(Qt::PlainText);
        value->setWordWrap(true);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(field.second, value);
        m_helmFields.insert(field.first, value);
    }
    return page;
}

QString ImagePage::helmField(const QString& field) const
{
    const QLabel* label = m_helmFields.value(field);
    return label ? label->text() : QString();
}

void ImagePage::setMessage(const QString& message)
{
    m_detail = ImageDetail();
    m_summary->setText(message);
    m_tabs->setVisible(false);
}

void ImagePage::setDetail(const ImageDetail& detail)
{
    m_detail = detail;
    const QLocale locale;
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> — %2")
                 .arg(kindText(detail.kind), detail.digest.toString().toHtmlEscaped());
    lines << tr("Media type: %1").arg(detail.mediaType.toHtmlEscaped());
    if (!detail.artifactType.isEmpty())
        lines << tr("Artifact type: %1").arg(detail.artifactType.toHtmlEscaped());
    lines << tr("Size: %1 (manifest %2)")
                 .arg(locale.formattedDataSize(detail.imageSize),
                      locale.formattedDataSize(detail.manifestSize));
    if (!detail.tags.isEmpty())
        lines << tr("Tags: %1").arg(detail.tags.join(QStringLiteral(", ")).toHtmlEscaped());
    lines << tr("Pushed: %1").arg(locale.toString(detail.pushedAt.toLocalTime(), QLocale::ShortFormat));
    lines << (detail.lastPulledAt.isValid()
                  ? tr("Last pulled: %1")
                        .arg(locale.toString(detail.lastPulledAt.toLocalTime(), QLocale::ShortFormat))
                  : tr("Never pulled"));
    if (detail.subject)
        lines << tr("Refers to: %1").arg(detail.subject->toString());
    m_summary->setText(lines.join(QStringLiteral("<br>")));

    m_platformModel->setDetail(detail);
    m_layerModel->setDetail(detail);
    m_referrerModel->setDetail(detail);
    m_config->clear();
    if (detail.imageConfig)
        fillConfig(*detail.imageConfig);
    fillHelm(detail.helmChart.value_or(HelmChartInfo()));

    const QJsonDocument json = QJsonDocument::fromJson(detail.manifest);
    m_manifest->setPlainText(json.isNull() ? QString::fromUtf8(detail.manifest)
                                           : QString::fromUtf8(json.toJson(QJsonDocument::Indented)));

    const bool index = detail.kind == ImageSummary::Kind::Index;
    m_tabs->setTabVisible(m_tabs->indexOf(m_platforms), index);
    m_tabs->setTabVisible(m_tabs->indexOf(m_layers), !index);
    m_tabs->setTabVisible(m_tabs->indexOf(m_config), detail.imageConfig.has_value());
    m_tabs->setTabVisible(m_tabs->indexOf(m_helm), detail.helmChart.has_value());
    m_tabs->setTabVisible(m_tabs->indexOf(m_referrers), !detail.referrers.isEmpty());
    m_tabs->setCurrentWidget(index              ? static_cast<QWidget*>(m_platforms)
                             : detail.helmChart ? m_helm
                                                : static_cast<QWidget*>(m_layers));
    m_tabs->setVisible(true);
}

void ImagePage::fillConfig(const ImageConfigInfo& config)
{
    auto add = [this](QTreeWidgetItem* parent, const QString& key, const QString& value) {
        auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_config);
        item->setText(0, key);
        item->setText(1, value);
        item->setToolTip(1, value);
        return item;
    };
    auto list = [&](const QString& key, const QStringList& values) {
        if (values.isEmpty())
            return;
        QTreeWidgetItem* item = add(nullptr, key, values.join(QLatin1Char(' ')));
        item->setExpanded(true);
    };
    QString platform = config.os + QLatin1Char('/') + config.architecture;
    if (!config.variant.isEmpty())
        platform += QLatin1Char('/') + config.variant;
    add(nullptr, tr("Platform"), platform);
    if (config.created.isValid())
        add(nullptr, tr("Created"), QLocale().toString(config.created.toLocalTime(), QLocale::ShortFormat));
    list(tr("Entrypoint"), config.entrypoint);
    list(tr("Command"), config.cmd);
    if (!config.workingDir.isEmpty())
        add(nullptr, tr("Working directory"), config.workingDir);
    if (!config.user.isEmpty())
        add(nullptr, tr("User"), config.user);
    list(tr("Exposed ports"), config.exposedPorts);
    if (!config.env.isEmpty()) {
        QTreeWidgetItem* env = add(nullptr, tr("Environment"), QString::number(config.env.size()));
        for (const QString& entry : config.env) {
            const int equals = entry.indexOf(QLatin1Char('='));
            add(env, entry.left(equals), equals < 0 ? QString() : entry.mid(equals + 1));
        }
        env->setExpanded(true);
    }
    if (!config.labels.isEmpty()) {
        QTreeWidgetItem* labels = add(nullptr, tr("Labels"), QString::number(config.labels.size()));
        for (const auto& label : config.labels)
            add(labels, label.first, label.second);
        labels->setExpanded(true);
    }
    if (!config.history.isEmpty()) {
        QTreeWidgetItem* history = add(nullptr, tr("History"), QString::number(config.history.size()));
        for (const auto& entry : config.history) {
            const QString when = QLocale().toString(entry.created.toLocalTime(), QLocale::ShortFormat);
            QString what = entry.createdBy;
            if (entry.emptyLayer)
                what += QLatin1Char(' ') + tr("(no layer)");
            add(history, when, what);
        }
    }
    m_config->resizeColumnToContents(0);
}

void ImagePage::fillHelm(const HelmChartInfo& chart)
{
    m_helmFields.value(QStringLiteral("name"))->setText(chart.name);
    m_helmFields.value(QStringLiteral("version"))->setText(chart.version);
    m_helmFields.value(QStringLiteral("appVersion"))->setText(chart.appVersion);
    m_helmFields.value(QStringLiteral("description"))->setText(chart.description);
    m_helmFields.value(QStringLiteral("apiVersion"))->setText(chart.apiVersion);
    m_helmFields.value(QStringLiteral("type"))->setText(chart.type);
}

} // namespace berth
