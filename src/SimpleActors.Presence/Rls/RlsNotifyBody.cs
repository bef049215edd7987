using System.Globalization;
using System.Security.Cryptography;

namespace SimpleActors.Presence.Rls;

/// <summary>
/// Builds the body of a resource list NOTIFY (RFC 4662 section 5): a multipart/related whose first part, the start,
/// is the RLMI document, followed by one part per instance whose state is available, in RLMI document order. Each such
/// instance's <c>cid</c> is its part's Content-ID without angle brackets; an instance without state has neither cid nor
/// part. A pure function apart from a random per-body token in the Content-IDs
/// (<c>token.version.resource.instance[.id]@domain</c>, the domain taken from the list URI).
/// </summary>
/// <remarks>
/// <para>
/// <b>A size limit.</b> When the body would exceed <c>maxBodyBytes</c> it is split into consecutive bodies, for
/// consecutive NOTIFYs, with versions <c>version</c>, <c>version + 1</c>, ... For a full-state build the first body
/// keeps <c>fullState="true"</c> and lists every resource of the list with its names, and every instance whose state
/// fits; an instance whose part does not fit is left out of its resource, so the resource appears with fewer (maybe no)
/// instances. The following bodies are partial (<c>fullState="false"</c>) and carry the left-out instances with their
/// parts. A partial build that does not fit is split into partial bodies the same way.
/// </para>
/// <para>
/// Why RFC 4662 allows this, unlike Kamailio's split that labels a partial first body full (checklist item 30): full
/// state must list every resource of the list (section 5.6.1, "every resource ... appears"), and it does; it must not
/// claim a state whose part is absent, and it does not, because an instance appears only with its part. What it says
/// of a left-out instance is what an RLS says while a back-end subscription's state has not arrived yet: nothing, the
/// resource is listed without it (section 5.4: instances are listed as the RLS knows them). The partial bodies that
/// follow are ordinary changes to that state (section 5.6.2: a partial notification lists the resources that changed;
/// a resource in it lists the instances that changed, the subscriber keeps the others). So every body is a true
/// statement, the subscriber ends with the full state, and a subscriber that misses one partial body sees the version
/// gap and recovers by refreshing, as after any lost NOTIFY (section 4.4). A single part larger than the limit is
/// sent alone in its own body, over the limit; the first body of a full-state build carries every resource and every
/// instance without state even when that alone is over the limit (full state cannot leave a resource out).
/// </para>
/// </remarks>
public static class RlsNotifyBody
{
    /// <summary>The Content-Type of the RLMI part.</summary>
    public const string RlmiPartContentType = Rlmi.ContentType + ";charset=\"UTF-8\"";

    private const string TokenCharacters = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string FallbackDomain = "rls.invalid";

    /// <summary>The whole notification in one body.</summary>
    /// <exception cref="ArgumentException">A resource or instance the RLMI writer refuses (empty URI or id, an instance id
    /// twice in a resource), or a body without a Content-Type (or the reverse), or a Content-Type that is not a media type.</exception>
    public static (byte[] Body, string ContentType) Build(
        string listUri, uint version, bool fullState, IReadOnlyList<RlmiName> listNames, IReadOnlyList<RlsNotifyResource> resources) =>
        Build(listUri, version, fullState, listNames, resources, int.MaxValue)[0];

    /// <summary>
    /// The notification in bodies of at most <paramref name="maxBodyBytes"/> where possible (see the remarks), versions
    /// counting up from <paramref name="version"/>; one body when it fits.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Build(string, uint, bool, IReadOnlyList{RlmiName}, IReadOnlyList{RlsNotifyResource})"/>.</exception>
    /// <exception cref="OverflowException">The versions would pass <see cref="uint.MaxValue"/>.</exception>
    public static IReadOnlyList<(byte[] Body, string ContentType)> Build(
        string listUri, uint version, bool fullState, IReadOnlyList<RlmiName> listNames, IReadOnlyList<RlsNotifyResource> resources, int maxBodyBytes) =>
        Build(listUri, version, fullState, listNames, resources, maxBodyBytes, RandomNumberGenerator.GetString(TokenCharacters, 8));

    /// <summary>The same with the per-body token given (tests).</summary>
    internal static IReadOnlyList<(byte[] Body, string ContentType)> Build(
        string listUri, uint version, bool fullState, IReadOnlyList<RlmiName> listNames, IReadOnlyList<RlsNotifyResource> resources, int maxBodyBytes, string token)
    {
        ArgumentNullException.ThrowIfNull(listUri);
        ArgumentNullException.ThrowIfNull(listNames);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBodyBytes, 1);
        var notification = new Notification(listUri, version, fullState, listNames, resources, token, ContentIdForm.Rfc2392);
        var whole = notification.Render(Plan.Everything(resources), 0, fullState);
        return whole.Body.Length <= maxBodyBytes ? [whole] : notification.Split(maxBodyBytes);
    }

    /// <summary>
    /// The first body of <see cref="Build(string, uint, bool, IReadOnlyList{RlmiName}, IReadOnlyList{RlsNotifyResource}, int)"/>
    /// and the instances it carries, for a notifier that sends one NOTIFY at a time: what the first body leaves out goes
    /// in a later notification made from the state of then. Parts' Content-IDs are written as <paramref name="form"/> says.
    /// </summary>
    public static RlsNotifyFirstBody BuildFirst(
        string listUri, uint version, bool fullState, IReadOnlyList<RlmiName> listNames, IReadOnlyList<RlsNotifyResource> resources, int maxBodyBytes,
        ContentIdForm form = ContentIdForm.Rfc2392)
    {
        ArgumentNullException.ThrowIfNull(listUri);
        ArgumentNullException.ThrowIfNull(listNames);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBodyBytes, 1);
        var notification = new Notification(listUri, version, fullState, listNames, resources, RandomNumberGenerator.GetString(TokenCharacters, 8), form);
        var everything = Plan.Everything(resources);
        var whole = notification.Render(everything, 0, fullState);
        var (body, plan) = whole.Body.Length <= maxBodyBytes ? (whole, everything) : notification.First(maxBodyBytes, []);
        var carried = plan.Instances.Select(item => (resources[item.Resource].Uri, resources[item.Resource].Instances[item.Instance].Id)).ToHashSet();
        return new RlsNotifyFirstBody(body.Body, body.ContentType, carried);
    }

    /// <summary>Which resources and instances one body carries.</summary>
    internal sealed class Plan
    {
        public HashSet<int> Resources { get; } = [];

        public HashSet<(int Resource, int Instance)> Instances { get; } = [];

        /// <summary>Instances added to fill the body, in the order added (the ones to take back first when it is over).</summary>
        public List<(int Resource, int Instance)> Added { get; } = [];

        public static Plan Everything(IReadOnlyList<RlsNotifyResource> resources)
        {
            var plan = new Plan();
            for (var r = 0; r < resources.Count; r++)
            {
                plan.Resources.Add(r);
                for (var i = 0; i < resources[r].Instances.Count; i++)
                {
                    plan.Instances.Add((r, i));
                }
            }

            return plan;
        }

        public void Add((int Resource, int Instance) item)
        {
            Resources.Add(item.Resource);
            Instances.Add(item);
            Added.Add(item);
        }
    }

    internal sealed class Notification
    {
        private readonly string _listUri;
        private readonly uint _version;
        private readonly bool _fullState;
        private readonly IReadOnlyList<RlmiName> _listNames;
        private readonly IReadOnlyList<RlsNotifyResource> _resources;
        private readonly string _token;
        private readonly string _domain;
        private readonly Dictionary<(int, int), string> _cids = [];
        private readonly ContentIdForm _form;

        public Notification(
            string listUri, uint version, bool fullState, IReadOnlyList<RlmiName> listNames, IReadOnlyList<RlsNotifyResource> resources, string token,
            ContentIdForm form)
        {
            _form = form;
            _listUri = listUri;
            _version = version;
            _fullState = fullState;
            _listNames = listNames;
            _resources = resources;
            _token = token;
            _domain = Domain(listUri);
            for (var r = 0; r < resources.Count; r++)
            {
                ArgumentNullException.ThrowIfNull(resources[r], nameof(resources));
                for (var i = 0; i < resources[r].Instances.Count; i++)
                {
                    var instance = resources[r].Instances[i] ?? throw new ArgumentException("A resource holds a null instance.", nameof(resources));
                    if ((instance.Body is null) != (instance.ContentType is null))
                    {
                        throw new ArgumentException($"Instance \"{instance.Id}\": a body needs a Content-Type and a Content-Type a body.", nameof(resources));
                    }

                    if (instance.Body is not null)
                    {
                        var id = IsCleanId(instance.Id) ? "." + instance.Id : string.Empty;
                        _cids[(r, i)] = string.Create(CultureInfo.InvariantCulture, $"{token}.{version}.{r}.{i}{id}@{_domain}");
                    }
                }
            }
        }

        private IEnumerable<(int Resource, int Instance)> AllInstances =>
            _resources.SelectMany((resource, r) => resource.Instances.Select((_, i) => (r, i)));

        public (byte[] Body, string ContentType) Render(Plan plan, uint offset, bool fullState)
        {
            var resources = new List<RlmiResource>();
            var parts = new List<MimePart> { new(string.Empty, RlmiPartContentType, ReadOnlyMemory<byte>.Empty) };
            for (var r = 0; r < _resources.Count; r++)
            {
                if (!plan.Resources.Contains(r))
                {
                    continue;
                }

                var instances = new List<RlmiInstance>();
                for (var i = 0; i < _resources[r].Instances.Count; i++)
                {
                    if (plan.Instances.Contains((r, i)))
                    {
                        instances.Add(Instance(r, i));
                        if (_cids.TryGetValue((r, i), out var cid))
                        {
                            var instance = _resources[r].Instances[i];
                            parts.Add(new MimePart(cid, instance.ContentType!, instance.Body));
                        }
                    }
                }

                resources.Add(new RlmiResource(_resources[r].Uri, _resources[r].Names, instances));
            }

            var version = checked(_version + offset);
            var rlmi = RlmiWriter.Write(new RlmiList(_listUri, version, fullState, _listNames, resources));
            parts[0] = new MimePart(string.Create(CultureInfo.InvariantCulture, $"{_token}.{version}.rlmi@{_domain}"), RlmiPartContentType, rlmi);
            return MultipartRelated.Write(parts, _form);
        }

        /// <summary>See the class remarks.</summary>
        public List<(byte[] Body, string ContentType)> Split(int maxBodyBytes)
        {
            var costs = new Costs(this);
            var remaining = new List<(int Resource, int Instance)>();
            var bodies = new List<(byte[] Body, string ContentType)> { First(maxBodyBytes, remaining, costs).Body };
            while (remaining.Count > 0)
            {
                var rest = new List<(int Resource, int Instance)>();
                bodies.Add(Fill(new Plan(), (uint)bodies.Count, false, remaining, rest, firstFit: false, costs, maxBodyBytes));
                remaining = rest;
            }

            return bodies;
        }

        /// <summary>The first body of a split and its plan; the instances it leaves out are added to <paramref name="remaining"/>.</summary>
        public ((byte[] Body, string ContentType) Body, Plan Plan) First(int maxBodyBytes, List<(int Resource, int Instance)> remaining, Costs? costs = null)
        {
            costs ??= new Costs(this);
            var withState = AllInstances.Where(_cids.ContainsKey).ToList();

            // The first body: for full state every resource, and every instance without state (no part, cheap); for a partial
            // build the resources it lists without instances and its instances without state. Then what fits of the rest.
            var first = new Plan();
            for (var r = 0; r < _resources.Count; r++)
            {
                if (_fullState || _resources[r].Instances.Count == 0)
                {
                    first.Resources.Add(r);
                }
            }

            foreach (var item in AllInstances.Where(item => !_cids.ContainsKey(item)))
            {
                first.Resources.Add(item.Resource);
                first.Instances.Add(item);
            }

            return (Fill(first, 0, _fullState, withState, remaining, firstFit: true, costs, maxBodyBytes), first);
        }

        /// <summary>
        /// Adds to <paramref name="plan"/> what fits of <paramref name="candidates"/> by the cost estimate (an upper bound),
        /// renders it, and takes back the last added while the body is still over (never the last one of an otherwise empty
        /// body). First fit goes on past an instance that does not fit; otherwise filling stops there, keeping the order.
        /// </summary>
        private (byte[] Body, string ContentType) Fill(
            Plan plan, uint offset, bool fullState, List<(int Resource, int Instance)> candidates, List<(int Resource, int Instance)> left, bool firstFit, Costs costs, int max)
        {
            var baseResources = plan.Resources.ToHashSet();
            var size = Render(plan, offset, fullState).Body.Length;
            foreach (var item in candidates)
            {
                if (!firstFit && left.Count > 0)
                {
                    left.Add(item);
                    continue;
                }

                var cost = costs.Of(item, plan.Resources.Contains(item.Resource));
                if (size + (long)cost <= max || plan.Resources.Count == 0)
                {
                    plan.Add(item);
                    size += cost;
                }
                else
                {
                    left.Add(item);
                }
            }

            var body = Render(plan, offset, fullState);
            while (body.Body.Length > max && plan.Added.Count > (baseResources.Count == 0 ? 1 : 0))
            {
                var last = plan.Added[^1];
                plan.Added.RemoveAt(plan.Added.Count - 1);
                plan.Instances.Remove(last);
                if (!baseResources.Contains(last.Resource) && !plan.Instances.Any(i => i.Resource == last.Resource))
                {
                    plan.Resources.Remove(last.Resource);
                }

                left.Add(last);
                body = Render(plan, offset, fullState);
            }

            left.Sort();
            return body;
        }

        private RlmiInstance Instance(int r, int i)
        {
            var instance = _resources[r].Instances[i];
            return new RlmiInstance(instance.Id, instance.State, instance.Reason, _cids.GetValueOrDefault((r, i)));
        }

        /// <summary>
        /// Upper bounds of what one instance adds to a body: its RLMI lines (measured by writing a one-resource list with and
        /// without it, which includes the resource element opening up), its resource's lines when the body lacks the
        /// resource, and its part.
        /// </summary>
        internal sealed class Costs(Notification notification)
        {
            private readonly Dictionary<int, int> _resources = [];
            private readonly Dictionary<(int, int), int> _instances = [];

            public int Of((int Resource, int Instance) item, bool resourcePresent)
            {
                var resource = notification._resources[item.Resource];
                var bare = new RlmiResource(resource.Uri, resource.Names, []);
                if (!_instances.TryGetValue(item, out var instanceBytes))
                {
                    var withInstance = new RlmiResource(resource.Uri, resource.Names, [notification.Instance(item.Resource, item.Instance)]);
                    var instance = resource.Instances[item.Instance];
                    var part = MultipartRelated.PartLength(
                        new MimePart(notification._cids[item], instance.ContentType!, instance.Body), MultipartRelated.BoundaryLength);
                    instanceBytes = _instances[item] = Measure(withInstance) - Measure(bare) + part;
                }

                return instanceBytes + (resourcePresent ? 0 : ResourceBytes(item.Resource, bare));
            }

            private int ResourceBytes(int r, RlmiResource bare)
            {
                if (!_resources.TryGetValue(r, out var bytes))
                {
                    bytes = _resources[r] = Measure(bare) - RlmiWriter.Write(new RlmiList("x", 0, false, [], [])).Length;
                }

                return bytes;
            }

            private static int Measure(RlmiResource resource) =>
                RlmiWriter.Write(new RlmiList("x", 0, false, [], [resource])).Length;
        }
    }

    private static bool IsCleanId(string id) => id.Length is > 0 and <= 64 && id.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The host of the list URI when it is a dot-atom (RFC 5322 section 3.2.3), for the Content-IDs' right side.</summary>
    private static string Domain(string listUri)
    {
        var colon = listUri.IndexOf(':', StringComparison.Ordinal);
        var rest = listUri[(colon + 1)..];
        var at = rest.LastIndexOf('@');
        var host = rest[(at + 1)..];
        var end = host.IndexOfAny([';', ':', '?', '>', '/']);
        host = (end < 0 ? host : host[..end]).ToLowerInvariant();
        return host.Length > 0 && host[0] != '.' && host[^1] != '.' && !host.Contains("..", StringComparison.Ordinal)
            && host.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
            ? host
            : FallbackDomain;
    }
}
