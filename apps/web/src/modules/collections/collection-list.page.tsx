// Stub: the collections web module fills this in.
export function CollectionListPage() {
  return null;
}
