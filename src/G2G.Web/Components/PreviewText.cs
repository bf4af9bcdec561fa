namespace G2G.Web.Components;

/// <summary>
/// Marker type for the texts of the designer's preview (预览): Resources/Components/PreviewText.resx holds Simplified
/// Chinese (the neutral language), PreviewText.en.resx English. Apart from <see cref="DesignerText"/> so the preview and
/// the properties panel change different files.
/// </summary>
public sealed class PreviewText;
