using SimpleActors.Engine.Rls;
using SimpleActors.Engine.Serialization.Proto;

namespace SimpleActors.Engine.Serialization;

/// <summary>Resource-list subscriptions (RFC 4662): lists, services and the messages about them.</summary>
internal static partial class ProtoMapping
{
    public static ListTargetData? ToProto(ListTarget? list)
    {
        if (list is null)
        {
            return null;
        }

        var data = new ListTargetData { Uri = list.Uri, LinphoneForm = list.LinphoneForm };
        if (list.Owner is { } owner)
        {
            data.Owner = owner;
        }

        if (list.Name is { } name)
        {
            data.Name = name;
        }

        data.Resources.AddRange(list.Resources.Select(ToProto));
        return data;
    }

    public static ListTarget? FromProto(ListTargetData? d) =>
        d is null ? null : new ListTarget(d.Uri, Opt(d.HasOwner, d.Owner), [.. d.Resources.Select(FromProto)], Opt(d.HasName, d.Name), d.LinphoneForm);

    public static ListResourceData ToProto(ListResource resource)
    {
        var data = new ListResourceData { Uri = resource.Uri };
        if (resource.Name is { } name)
        {
            data.Name = name;
        }

        return data;
    }

    public static ListResource FromProto(ListResourceData d) => new(d.Uri, Opt(d.HasName, d.Name));

    public static ListDefinitionData? ToProto(ListDefinition? definition)
    {
        if (definition is null)
        {
            return null;
        }

        var data = new ListDefinitionData { Uri = definition.Uri };
        if (definition.Name is { } name)
        {
            data.Name = name;
        }

        data.Packages.AddRange(definition.Packages);
        data.Resources.AddRange(definition.Resources.Select(ToProto));
        return data;
    }

    public static ListDefinition? FromProto(ListDefinitionData? d) =>
        d is null ? null : new ListDefinition(d.Uri, Opt(d.HasName, d.Name), [.. d.Packages], [.. d.Resources.Select(FromProto)]);

    public static ListServiceData ListService(string aor, string serviceUri, string subscriptionId, ListDefinition? definition, DateTimeOffset at) =>
        new() { Aor = aor, ServiceUri = serviceUri, SubscriptionId = subscriptionId, Definition = ToProto(definition), AtTicks = Ticks(at) };
}
