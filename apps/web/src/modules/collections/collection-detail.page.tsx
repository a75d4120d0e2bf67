// Stub: the collections web module fills this in.
export function CollectionDetailPage() {
  return null;
}
