using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;

namespace G2G.Web.Api;

// Service bundles bound with [AsParameters], so handlers name what they use in one parameter (eShop's CatalogServices).

/// <summary>What instance and task endpoints use: commands, reads, the request and its cancellation.</summary>
internal sealed record InstanceServices(InstanceService Instances, RuntimeQueries Queries, HttpContext Http, CancellationToken Cancellation)
{
    public string Actor => Http.User.Actor();
}

/// <summary>What organisation endpoints use: changes, reads, the request and its cancellation.</summary>
internal sealed record OrganisationServices(OrganisationService Org, OrganisationQueries Queries, HttpContext Http, CancellationToken Cancellation)
{
    public string Actor => Http.User.Actor();
}
