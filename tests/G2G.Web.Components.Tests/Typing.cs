using Bunit;
using Microsoft.AspNetCore.Components;

namespace G2G.Web.Components.Tests;

/// <summary>Typing into a MudBlazor input: its value is bound asynchronously, so a test waits until the component holds it.</summary>
internal static class Typing
{
    public static void Type<TComponent>(IRenderedComponent<TComponent> component, string selector, string value)
        where TComponent : IComponent
    {
        component.Find(selector).Change(value);
        component.WaitForAssertion(() => Assert.Equal(value, component.Find(selector).GetAttribute("value")));
    }
}
