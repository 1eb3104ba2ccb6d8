/** The tenant overview (IDs, numbers, ring sets, channels), as every settings screen needs it. */
export async function loadOverview(api) {
  const data = await api.get('/api/customer/overview');
  const overview = data?.overview ?? data ?? {};
  const ids = overview.ids ?? [];
  return {
    tenantName: overview.tenantName ?? overview.tenant?.name ?? '',
    mainNumber: overview.mainNumber ?? overview.tenant?.mainNumber ?? ids.find((id) => id.kind === 'basic')?.directNumber ?? '',
    channels: overview.channels ?? ids.length,
    ids,
    numbers: overview.numbers ?? [],
  };
}
