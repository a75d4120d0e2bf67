// SQL of the collections module (collections, collection_units).
export {};
