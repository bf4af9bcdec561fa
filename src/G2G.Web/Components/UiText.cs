namespace G2G.Web.Components;

/// <summary>
/// Marker type for the UI's shared strings: Resources/Components/UiText.resx holds Simplified Chinese (the
/// neutral language), UiText.en.resx English. Inject <c>IStringLocalizer&lt;UiText&gt;</c>.
/// </summary>
public sealed class UiText;
