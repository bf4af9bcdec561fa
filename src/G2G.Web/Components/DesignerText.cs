namespace G2G.Web.Components;

/// <summary>
/// Marker type for the texts of the process designer (/designer): Resources/Components/DesignerText.resx holds
/// Simplified Chinese (the neutral language), DesignerText.en.resx English. Kept apart from <see cref="UiText"/> so the
/// pages of different areas change different files.
/// </summary>
public sealed class DesignerText;
