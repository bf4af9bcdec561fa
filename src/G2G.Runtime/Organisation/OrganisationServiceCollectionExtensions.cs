using G2G.Runtime.Assignment;
using G2G.Runtime.Organisation.Import;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace G2G.Runtime.Organisation;

/// <summary>Registers the organisation: administration, import, the directory queries, and the resolver of assignment rules.</summary>
public static class OrganisationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the organisation services (called by <c>AddG2GRuntime</c>). Password hashing and name normalisation are
    /// Identity's defaults, registered with TryAdd so a host's <c>AddIdentity</c> (before or after) keeps its own;
    /// a resolver registered before this call replaces <see cref="OrganisationAssignmentResolver"/>.
    /// </summary>
    public static IServiceCollection AddG2GOrganisation(this IServiceCollection services)
    {
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<IPasswordHasher<G2GUser>, PasswordHasher<G2GUser>>();
        services.TryAddScoped<ILookupNormalizer, UpperInvariantLookupNormalizer>();
        services.TryAddSingleton<OrganisationPresence>();
        services.TryAddSingleton<ResolvedAssignments>();
        services.TryAddScoped<IAssignmentResolver, OrganisationAssignmentResolver>();
        services.TryAddScoped<OrganisationService>();
        services.TryAddScoped<OrganisationImporter>();
        services.TryAddScoped<OrganisationQueries>();
        return services;
    }
}
