// Stub: the collections web module fills this in.
export function CollectionCreatePage() {
  return null;
}
