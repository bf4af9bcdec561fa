using System.Globalization;
using System.Resources;

namespace G2G.Web.Api;

/// <summary>
/// The API's own texts in the request's culture: Resources/Api/ApiText.resx holds Simplified Chinese (the neutral
/// language), ApiText.en.resx English. Static so that handlers and problem helpers can reach them without a service.
/// </summary>
internal static class ApiText
{
    private static readonly ResourceManager Resources = new("G2G.Web.Resources.Api.ApiText", typeof(ApiText).Assembly);

    /// <summary>The text named <paramref name="name"/>, formatted with <paramref name="args"/> when given.</summary>
    public static string Get(string name, params object?[] args)
    {
        var text = Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }

    /// <summary>The title of the problem with the stable <paramref name="code"/>.</summary>
    public static string Title(string code) => Get("Title_" + code);
}
